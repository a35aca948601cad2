import Document
import Testing

/// A YAML feature outside the configuration subset, with the message and place it must get.
struct RefusedFeature: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let yaml: String
    let message: String
    let line: Int
    let column: Int
}

@Suite struct YAMLRefusalTests {
    static let features: [RefusedFeature] = [
        RefusedFeature(testDescription: "anchor", yaml: "base: &anchor\n  a: 1\n",
                       message: "anchors and aliases are not supported in modelgate configuration (found '&anchor'); repeat the value instead",
                       line: 1, column: 7),
        RefusedFeature(testDescription: "alias", yaml: "a: 1\nb: *anchor\n",
                       message: "anchors and aliases are not supported in modelgate configuration (found '*anchor'); repeat the value instead",
                       line: 2, column: 4),
        RefusedFeature(testDescription: "alias in flow", yaml: "a: [1, *x]\n",
                       message: "anchors and aliases are not supported in modelgate configuration (found '*x'); repeat the value instead",
                       line: 1, column: 8),
        RefusedFeature(testDescription: "local tag", yaml: "a: !foo bar\n",
                       message: "tags are not supported in modelgate configuration (found '!foo'); quote the value if it is a string",
                       line: 1, column: 4),
        RefusedFeature(testDescription: "core tag", yaml: "- !!str 12\n",
                       message: "tags are not supported in modelgate configuration (found '!!str'); quote the value if it is a string",
                       line: 1, column: 3),
        RefusedFeature(testDescription: "tag on a key", yaml: "!!str a: 1\n",
                       message: "tags are not supported in modelgate configuration (found '!!str'); quote the value if it is a string",
                       line: 1, column: 1),
        RefusedFeature(testDescription: "second document", yaml: "a: 1\n---\nb: 2\n",
                       message: "multiple documents are not supported in modelgate configuration (found a second '---'); use one document per file",
                       line: 2, column: 1),
        RefusedFeature(testDescription: "document after end marker", yaml: "---\na: 1\n...\n---\nb: 2\n",
                       message: "multiple documents are not supported in modelgate configuration (found a second '---'); use one document per file",
                       line: 4, column: 1),
        RefusedFeature(testDescription: "directive", yaml: "%YAML 1.2\n---\na: 1\n",
                       message: "directives are not supported in modelgate configuration (found '%YAML'); remove the line",
                       line: 1, column: 1),
        RefusedFeature(testDescription: "explicit key", yaml: "? a\n: b\n",
                       message: "complex mapping keys are not supported in modelgate configuration (found '? '); write keys as 'key: value'",
                       line: 1, column: 1),
        RefusedFeature(testDescription: "explicit key in flow", yaml: "{? a: b}\n",
                       message: "complex mapping keys are not supported in modelgate configuration (found '? '); write keys as 'key: value'",
                       line: 1, column: 2),
        RefusedFeature(testDescription: "flow list as key", yaml: "[a, b]: c\n",
                       message: "complex mapping keys are not supported in modelgate configuration (found a list or mapping used as a key); keys must be plain or quoted strings",
                       line: 1, column: 1),
        RefusedFeature(testDescription: "flow mapping as key in flow", yaml: "{{a: 1}: c}\n",
                       message: "complex mapping keys are not supported in modelgate configuration (found a list or mapping used as a key); keys must be plain or quoted strings",
                       line: 1, column: 2),
        RefusedFeature(testDescription: "empty key", yaml: ": value\n",
                       message: "a mapping key is missing before ':' (empty keys are not supported in modelgate configuration)",
                       line: 1, column: 1),
    ]

    @Test(arguments: features)
    func refusesFeaturesOutsideTheSubsetWithLineAndColumn(_ feature: RefusedFeature) throws {
        let error = try #require(yamlError(feature.yaml))
        #expect(error.message == feature.message)
        #expect(error.location == loc(feature.line, feature.column))
    }

    @Test func acceptsIndicatorCharactersInsidePlainScalars() throws {
        let root = try YAMLReader.read("a: b&c *d !e\nurl: http://x/#frag\nk: v # &not-an-anchor\n")
        #expect(root["a"]?.value == .string("b&c *d !e"))
        #expect(root["url"]?.value == .string("http://x/#frag"))
        #expect(root["k"]?.value == .string("v"))
    }

    @Test func acceptsAnchorLikeTextInQuotedScalars() throws {
        let root = try YAMLReader.read("a: \"&anchor\"\nb: '*alias'\nc: \"!tag\"\n")
        #expect(root["a"]?.value == .string("&anchor"))
        #expect(root["b"]?.value == .string("*alias"))
        #expect(root["c"]?.value == .string("!tag"))
    }

    @Test func rejectsReservedIndicatorsAtTheStartOfAPlainValue() throws {
        let error = try #require(yamlError("a: @home\n"))
        #expect(error.location == loc(1, 4))
        #expect(error.message == "'@' is reserved in YAML and cannot start a plain value; quote the value")
        #expect(yamlError("a: `cmd`\n") != nil)
    }
}
