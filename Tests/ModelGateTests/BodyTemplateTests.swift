import Testing
@testable import ModelGate

/// Templates that would be JSON for some rows and not for others are refused at once.
@Suite struct BodyTemplateTests {
    @Test(arguments: [#"{"x": 4{{a}}}"#, #"{"x": {{a}}4}"#, #"{"x": "\{{a}}"}"#, #"{"x": -{{a}}}"#, #"[{{a}}{{a}}]"#])
    func aPlaceholderGluedToALiteralIsRefused(text: String) {
        #expect(throws: BodyTemplate.Problem.self) { try BodyTemplate(text, inputs: ["a"]) }
    }

    @Test func aFilledTemplateIsJSONForEveryKindOfValue() throws {
        let template = try BodyTemplate(#"{"n": {{a}}, "s": "<{{a}}>"}"#, inputs: ["a"])
        for (value, expected) in [("2.5", #"{"n": 2.5, "s": "<2.5>"}"#), ("null", #"{"n": null, "s": "<>"}"#),
                                  (#""a\"b""#, #"{"n": "a\"b", "s": "<a\"b>"}"#)] {
            var out: [UInt8] = []
            template.render(into: &out) { _ in Array(value.utf8)[...] }
            #expect(String(decoding: out, as: UTF8.self) == expected)
        }
    }
}
