import Document
import Testing

@Suite struct JSONReaderTests {
    static let rfcImage = """
        {
          "Image": {
              "Width":  800,
              "Height": 600,
              "Title":  "View from 15th Floor",
              "Thumbnail": {
                  "Url":    "http://www.example.com/image/481989943",
                  "Height": 125,
                  "Width":  100
              },
              "Animated" : false,
              "IDs": [116, 943, 234, 38793]
            }
        }
        """

    static let rfcPlaces = """
        [
          {
             "precision": "zip",
             "Latitude":  37.7668,
             "Longitude": -122.3959,
             "Address":   "",
             "City":      "SAN FRANCISCO",
             "State":     "CA",
             "Zip":       "94107",
             "Country":   "US"
          },
          {
             "precision": "zip",
             "Latitude":  37.371991,
             "Longitude": -122.026020,
             "Address":   "",
             "City":      "SUNNYVALE",
             "State":     "CA",
             "Zip":       "94085",
             "Country":   "US"
          }
        ]
        """

    @Test func readsTheRFC8259Examples() throws {
        let image = try JSONReader.read(Self.rfcImage)
        #expect(node(image, "Image", "Thumbnail", "Url")?.value == .string("http://www.example.com/image/481989943"))
        #expect(node(image, "Image", "Animated")?.value == .bool(false))
        #expect(node(image, "Image", "IDs", 3)?.value == .int(38793))
        #expect(node(image, "Image")?.objectValue?.map(\.key) == ["Width", "Height", "Title", "Thumbnail", "Animated", "IDs"])
        let places = try JSONReader.read(Self.rfcPlaces)
        #expect(node(places, 1, "Longitude")?.value == .double(-122.026020))
        #expect(node(places, 0, "Address")?.value == .string(""))
        #expect(try JSONReader.read("\"Hello world!\"").value == .string("Hello world!"))
        #expect(try JSONReader.read("42").value == .int(42))
        #expect(try JSONReader.read(" true ").value == .bool(true))
        #expect(try JSONReader.read("null").isNull)
    }

    @Test func everyNodeAndKeyCarriesItsLocation() throws {
        let image = try JSONReader.read(Self.rfcImage)
        #expect(image.location == loc(1, 1))
        #expect(node(image, "Image")?.location == loc(2, 12))
        #expect(node(image, "Image", "Thumbnail", "Height")?.location == loc(8, 21))
        #expect(node(image, "Image", "IDs", 1)?.location == loc(12, 20))
        #expect(node(image, "Image")?.objectValue?.last?.keyLocation == loc(12, 7))
        let unicode = try JSONReader.read("{\"é\": [\"ü\", 1]}")
        #expect(node(unicode, "é", 1)?.location == loc(1, 13))
    }

    static let strings: [(String, String)] = [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#""\u0041\u00e9\u263A""#, "Aé☺"),
        (#""\uD83D\uDE00""#, "😀"),
        (#""\u0000""#, "\u{0}"),
        ("\"ünïcødé 😀\"", "ünïcødé 😀"),
    ]

    @Test(arguments: strings)
    func decodesStringEscapesAndSurrogatePairs(_ json: String, _ expected: String) throws {
        let value = try #require(try JSONReader.read(json).stringValue)
        #expect(value.unicodeScalars.elementsEqual(expected.unicodeScalars))
    }

    static let numbers: [(String, Node.Value)] = [
        ("0", .int(0)), ("-0", .int(0)), ("12", .int(12)), ("-12", .int(-12)),
        ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .int(Int.min)),
        ("9223372036854775808", .double(9223372036854775808.0)), ("-9223372036854775809", .double(-9223372036854775809.0)),
        ("123456789012345678901234567890", .double(1.2345678901234568e29)),
        ("1.5", .double(1.5)), ("1.0", .double(1)), ("1e2", .double(100)), ("1E+2", .double(100)), ("-2.5e-3", .double(-0.0025)),
        ("1e-400", .double(0)), ("0.1", .double(0.1)),
    ]

    @Test(arguments: numbers)
    func readsIntegersThatFitAsIntAndOtherNumbersAsDouble(_ json: String, _ expected: Node.Value) throws {
        #expect(try JSONReader.read(json).value == expected)
    }

    /// Input that RFC 8259 does not allow, or that this reader refuses, with where the error is.
    static let invalid: [(String, Int, Int)] = [
        ("", 1, 1), ("   ", 1, 4), ("[1, 2,]", 1, 7), ("{\"a\": 1,}", 1, 9), ("[1 2]", 1, 4), ("{\"a\" 1}", 1, 6),
        ("{a: 1}", 1, 2), ("{'a': 1}", 1, 2), ("['a']", 1, 2), ("// c\n1", 1, 1), ("[1] /* c */", 1, 5), ("# c\n1", 1, 1),
        ("01", 1, 1), ("-01", 1, 1), (".5", 1, 1), ("+1", 1, 1), ("1.", 1, 3), ("1.e3", 1, 3), ("1e", 1, 3), ("-", 1, 2),
        ("NaN", 1, 1), ("Infinity", 1, 1), ("-Infinity", 1, 2), ("1e400", 1, 1), ("-1e400", 1, 1),
        ("tru", 1, 1), ("nul", 1, 1), ("True", 1, 1), ("[", 1, 1), ("{", 1, 1), ("[1", 1, 1), ("{\"a\":", 1, 6),
        ("\"abc", 1, 1), ("\"a\tb\"", 1, 3), ("\"a\nb\"", 1, 3), ("\"\\x41\"", 1, 2), ("\"\\u12\"", 1, 2),
        ("\"\\uD800\"", 1, 2), ("\"\\uDC00\"", 1, 2), ("\"\\uD800\\u0041\"", 1, 2), ("\"\\uD800x\"", 1, 2),
        ("1 2", 1, 3), ("{} {}", 1, 4), ("[1]]", 1, 4), ("{\"a\": 1, \"a\": 2}", 1, 10),
        ("[\n  1,\n  x\n]", 3, 3),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidJSONWithLineAndColumn(_ json: String, _ line: Int, _ column: Int) throws {
        let error = try #require(jsonError(json))
        #expect(error.location == loc(line, column), "\(error)")
    }

    @Test(arguments: [
        [0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22], [0x5B, 0xC3, 0xA9, 0x5D],
    ] as [[UInt8]])
    func rejectsInvalidUTF8(_ bytes: [UInt8]) throws {
        #expect(throws: DocumentError.self) { try JSONReader.read(bytes) }
    }

    @Test func namesTheDuplicateKeyAndWhereItFirstAppeared() throws {
        let error = try #require(jsonError("{\n  \"a\": 1,\n  \"a\": 2\n}"))
        #expect(error.message == "duplicate key 'a' (first defined at 2:3)")
        #expect(error.location == loc(3, 3))
    }

    @Test func explainsTrailingCommas() throws {
        #expect(jsonError("[1,]")?.message == "a trailing comma is not allowed in JSON")
        #expect(jsonError("{\"a\":1,}")?.message == "a trailing comma is not allowed in JSON")
    }

    @Test func skipsAByteOrderMark() throws {
        #expect(try JSONReader.read([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)).arrayValue?.count == 1)
    }

    @Test func limitsNestingDepth() throws {
        let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(throws: Never.self) { try JSONReader.read(ok) }
        let deep = try #require(jsonError(String(repeating: "[", count: 257) + String(repeating: "]", count: 257)))
        #expect(deep.message.contains("deeper than 256"))
        #expect(deep.location == loc(1, 257))
        #expect(jsonError(String(repeating: "{\"a\":", count: 100_000)) != nil)
    }
}
