import Document
import Testing

@Suite struct JSONWriterTests {
    static let document = Node(.object([
        Node.Member(key: "name", value: Node(.string("credit-risk"))),
        Node.Member(key: "version", value: Node(.int(1))),
        Node.Member(key: "scores", value: Node(.array([Node(.double(0.1)), Node(.double(2)), Node(.null)]))),
        Node.Member(key: "empty", value: Node(.object([]))),
        Node.Member(key: "none", value: Node(.array([]))),
        Node.Member(key: "ok", value: Node(.bool(true))),
    ]))

    @Test func writesPrettyJSONWithTwoSpaceIndentationInStoredOrder() {
        #expect(JSONWriter.write(Self.document) == """
            {
              "name": "credit-risk",
              "version": 1,
              "scores": [
                0.1,
                2.0,
                null
              ],
              "empty": {},
              "none": [],
              "ok": true
            }
            """)
    }

    @Test func writesCompactJSONWithoutWhiteSpace() {
        #expect(JSONWriter.write(Self.document, pretty: false)
            == #"{"name":"credit-risk","version":1,"scores":[0.1,2.0,null],"empty":{},"none":[],"ok":true}"#)
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        let text = "q\" b\\ n\n r\r t\t \u{8}\u{C} \u{0}\u{1F} é😀 / \u{7F}"
        #expect(JSONWriter.write(Node(.string(text)))
            == #""q\" b\\ n\n r\r t\t \b\f \u0000\u001f é😀 / "# + "\u{7F}\"")
        #expect(JSONWriter.write(Node(.object([Node.Member(key: "k\"", value: Node(.null))])), pretty: false) == #"{"k\"":null}"#)
    }

    static let doubles: [(Double, String)] = [
        (0.1, "0.1"), (2, "2.0"), (-0.5, "-0.5"), (1e20, "1e+20"), (1.5e-7, "1.5e-07"), (0.30000000000000004, "0.30000000000000004"),
        (123456.789, "123456.789"), (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"), (Double.leastNonzeroMagnitude, "5e-324"),
        (.nan, "null"), (.infinity, "null"), (-.infinity, "null"),
    ]

    @Test(arguments: doubles)
    func writesDoublesInShortestRoundTripFormAndNonFiniteAsNull(_ value: Double, _ expected: String) {
        #expect(JSONWriter.write(Node(.double(value))) == expected)
    }

    @Test func writesIntegersAsIntegers() {
        #expect(JSONWriter.write(Node(.int(Int.min))) == "-9223372036854775808")
        #expect(JSONWriter.write(Node(.int(42))) == "42")
    }

    static let roundTrips: [String] = [
        JSONReaderTests.rfcImage, JSONReaderTests.rfcPlaces,
        #"{"a":[1,2.5,-0.0,1e300,"x\u0000y",{"b":null,"c":[true,false,[]]}],"":{"\ud83d\ude00":"é"}}"#,
        "[9223372036854775807,9223372036854775808,0.1,1.0,12345678901234567890]", "\"\"", "0",
    ]

    @Test(arguments: roundTrips)
    func readWriteReadGivesTheSameDocument(_ json: String) throws {
        let first = try JSONReader.read(json)
        for pretty in [true, false] {
            let written = JSONWriter.write(first, pretty: pretty)
            let second = try JSONReader.read(written)
            #expect(second == first)
            #expect(JSONWriter.write(second, pretty: pretty) == written)
        }
    }

    @Test func yamlDocumentsSurviveTheTripThroughJSON() throws {
        let yaml = try YAMLReader.read(YAMLStructureTests.pipeline + "\nextra:\n  big: 99999999999999999999\n  text: |\n    line \"one\"\n    \ttwo\n")
        let back = try JSONReader.read(JSONWriter.write(yaml))
        #expect(back == yaml)
    }
}
