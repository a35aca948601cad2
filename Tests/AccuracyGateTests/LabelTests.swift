import GateTestSupport
import ModelGate
import Testing

/// Binary labels compare by value (numbers as numbers, strings exactly, JSON booleans as booleans),
/// and `positive` decides which class precision and recall are about.
@Suite struct LabelTests {
    static let yesNo = "label,prediction\nyes,yes\nno,yes\nyes,no\nno,no\nyes,no\nyes,yes\n"

    @Test func stringLabelsTakeThePositiveClassFromTheOption() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.yesNo])
        let options = "data: test.csv\ntask: binary\nlabel: label\nprediction: prediction\n"
        // yes: tp 2 (rows 1, 6), fp 1 (row 2), fn 2 (rows 3, 5), tn 1.
        let yes = try await workspace.run(options + "positive: \"yes\"")
        #expect(yes.status == .pass, "\(yes.error ?? "")")
        #expect(close(yes.metric("precision"), 2.0 / 3.0) && close(yes.metric("recall"), 0.5))
        #expect(yes.metric("tp") == 2 && yes.metric("fn") == 2 && yes.metric("fp") == 1 && yes.metric("tn") == 1)
        // no: tp 1 (row 4), fp 2 (rows 3, 5), fn 1 (row 2).
        let no = try await workspace.run(options + "positive: \"no\"")
        #expect(close(no.metric("precision"), 1.0 / 3.0) && close(no.metric("recall"), 0.5))
    }

    @Test func thePositiveClassIsOneByDefaultAndMatchesOnePointZero() async throws {
        // 1.0 is the number 1 (as in pandas), so it is the positive class too.
        let workspace = try GateWorkspace(["test.csv": "label,prediction\n1,1.0\n1.0,0\n0,0\n0,0\n"])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nprediction: prediction")
        #expect(result.metric("tp") == 1 && result.metric("fn") == 1 && result.metric("fp") == 0 && result.metric("tn") == 2)
        #expect(close(result.metric("recall"), 0.5) && close(result.metric("precision"), 1))
    }

    @Test func aThirdLabelInABinaryTaskNamesItsRow() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,prediction\nyes,yes\nno,no\nmaybe,yes\n"])
        let error = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nprediction: prediction\npositive: \"yes\"").oneLineError
        #expect(error.contains("test.csv:row 3 (line 4), column 'label'") && error.contains("third label"), "\(error)")
        #expect(error.contains("'yes' and 'no'"), "names the two classes it has: \(error)")
    }

    @Test func labelsThatNeverMatchTheDefaultPositiveAreAThirdLabelNotAnAllNegativeSet() async throws {
        // Forgetting `positive:` with string labels must not quietly score every row as negative.
        let workspace = try GateWorkspace(["test.csv": "label,prediction\nyes,yes\nno,no\n"])
        let error = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nprediction: prediction").oneLineError
        #expect(error.contains("row 2") && error.contains("the positive class is '1'"), "\(error)")
    }

    @Test func jsonBooleanLabelsTakeABooleanPositiveClass() async throws {
        let workspace = try GateWorkspace(["test.jsonl": """
            {"y": true, "p": true}
            {"y": false, "p": true}
            {"y": true, "p": false}
            {"y": true, "p": true}
            {"y": false, "p": false}

            """])
        let result = try await workspace.run("data: test.jsonl\ntask: binary\nlabel: y\nprediction: p\npositive: true")
        #expect(result.status == .pass, "\(result.error ?? "")")
        #expect(result.metric("tp") == 2 && result.metric("fp") == 1 && result.metric("fn") == 1 && result.metric("tn") == 1)
    }

    @Test func aJSONStringIsNotTheNumberItSpells() async throws {
        // "1" and "0" are strings, so neither is the number 1: three labels, an error, not a guess.
        let workspace = try GateWorkspace(["test.jsonl": "{\"y\": \"1\", \"p\": 1}\n{\"y\": \"0\", \"p\": 0}\n"])
        let result = try await workspace.run("data: test.jsonl\ntask: binary\nlabel: y\nprediction: p")
        #expect(result.oneLineError.contains("third label"))
    }
}
