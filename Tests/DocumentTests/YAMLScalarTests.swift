import Document
import Testing

@Suite struct YAMLScalarTests {
    /// The YAML 1.2 core schema, plain scalar by plain scalar.
    static let coreSchema: [(String, Node.Value)] = [
        ("", .null), ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null),
        ("nULL", .string("nULL")), ("none", .string("none")),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
        ("yes", .string("yes")), ("no", .string("no")), ("on", .string("on")), ("tRUE", .string("tRUE")),
        ("0", .int(0)), ("12", .int(12)), ("+12", .int(12)), ("-12", .int(-12)), ("007", .int(7)), ("-0", .int(0)),
        ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .int(Int.min)),
        ("9223372036854775808", .double(9223372036854775808.0)), ("100000000000000000000", .double(1e20)),
        ("0o17", .int(15)), ("0o0", .int(0)), ("0o8", .string("0o8")), ("0o", .string("0o")), ("-0o17", .string("-0o17")),
        ("0x1F", .int(31)), ("0xff", .int(255)), ("0x", .string("0x")), ("0xG", .string("0xG")),
        ("0x7FFFFFFFFFFFFFFF", .int(Int.max)), ("0x10000000000000000", .double(18446744073709551616.0)),
        ("1_000", .string("1_000")), ("0b101", .string("0b101")), ("1,5", .string("1,5")),
        ("1.5", .double(1.5)), ("-1.5", .double(-1.5)), ("+.5", .double(0.5)), (".5", .double(0.5)), ("1.", .double(1)),
        ("1e3", .double(1000)), ("1E-3", .double(0.001)), ("-2.5e+2", .double(-250)), ("0.1", .double(0.1)),
        (".", .string(".")), ("1e", .string("1e")), ("e3", .string("e3")), ("1.2.3", .string("1.2.3")), ("2.4.0", .string("2.4.0")),
        (".inf", .double(.infinity)), (".Inf", .double(.infinity)), (".INF", .double(.infinity)), ("+.inf", .double(.infinity)),
        ("-.inf", .double(-.infinity)), ("-.Inf", .double(-.infinity)), ("-.INF", .double(-.infinity)),
        (".iNf", .string(".iNf")), ("inf", .string("inf")), ("nan", .string("nan")),
        ("10m", .string("10m")), ("<= 0.85", .string("<= 0.85")), ("a b", .string("a b")),
    ]

    @Test(arguments: coreSchema)
    func resolvesPlainScalarsByTheCoreSchema(_ text: String, _ expected: Node.Value) throws {
        let root = try YAMLReader.read("v: \(text)\n")
        #expect(root["v"]?.value == expected)
    }

    @Test(arguments: [".nan", ".NaN", ".NAN"])
    func resolvesNaNSpellings(_ text: String) throws {
        let value = try #require(try YAMLReader.read("v: \(text)\n")["v"]?.numberValue)
        #expect(value.isNaN)
    }

    @Test func quotedScalarsAreAlwaysStrings() throws {
        let root = try YAMLReader.read("a: \"true\"\nb: '12'\nc: \"null\"\nd: ''\ne: \"~\"\n")
        #expect(root.objectValue?.map(\.value.value) == [.string("true"), .string("12"), .string("null"), .string(""), .string("~")])
    }

    static let escapes: [(String, String)] = [
        (#"\0\a\b\t\n\v\f\r\e"#, "\u{0}\u{7}\u{8}\t\n\u{B}\u{C}\r\u{1B}"),
        (#"\ \"\/\\"#, " \"/\\"),
        (#"\N\_\L\P"#, "\u{85}\u{A0}\u{2028}\u{2029}"),
        (#"\x41\xe9"#, "Aé"),
        (#"\u263A\u00E9"#, "☺é"),
        (#"\U0001F600"#, "😀"),
        (#"\uD83D\uDE00"#, "😀"),
        ("a\\\tb", "a\tb"),
    ]

    @Test(arguments: escapes)
    func decodesEveryDoubleQuotedEscape(_ escaped: String, _ expected: String) throws {
        let root = try YAMLReader.read("v: \"\(escaped)\"\n")
        #expect(root["v"]?.stringValue?.unicodeScalars.elementsEqual(expected.unicodeScalars) == true)
    }

    @Test(arguments: [#"\q"#, #"\x4"#, #"\xZZ"#, #"\u12"#, #"\uD800"#, #"\uDC00"#, #"\U00110000"#, #"\'"#])
    func rejectsInvalidEscapesAtTheBackslash(_ escaped: String) throws {
        let error = try #require(yamlError("v: \"ab\(escaped)\"\n"))
        #expect(error.location == loc(1, 7))
    }

    @Test func singleQuotesDoubleToEscapeAQuoteAndKeepBackslashes() throws {
        let root = try YAMLReader.read(#"v: 'it''s a \n'"# + "\n")
        #expect(root["v"]?.value == .string(#"it's a \n"#))
    }

    @Test func foldsMultiLineQuotedAndPlainScalars() throws {
        let root = try YAMLReader.read("""
            a: "one
              two

              three\\
              four \\
              five"
            b: 'x
              y'
            c: plain
              text

              more
            """)
        #expect(root["a"]?.value == .string("one two\nthreefour five"))
        #expect(root["b"]?.value == .string("x y"))
        #expect(root["c"]?.value == .string("plain text\nmore"))
    }

    @Test func literalBlockScalarsKeepLinesAndChomp() throws {
        let root = try YAMLReader.read("""
            clip: |
              a
               b

            strip: |-
              a

            keep: |+
              a


            after: 1
            """)
        #expect(root["clip"]?.value == .string("a\n b\n"))
        #expect(root["strip"]?.value == .string("a"))
        #expect(root["keep"]?.value == .string("a\n\n\n"))
        #expect(root["after"]?.value == .int(1))
    }

    @Test func foldedBlockScalarsJoinLinesButKeepMoreIndentedOnes() throws {
        let root = try YAMLReader.read("""
            v: >
              one
              two

              three
                indented
              four
            """)
        #expect(root["v"]?.value == .string("one two\nthree\n  indented\nfour\n"))
    }

    @Test func honoursTheIndentationIndicator() throws {
        let root = try YAMLReader.read("v: |2\n    four\n  two\n")
        #expect(root["v"]?.value == .string("  four\ntwo\n"))
        #expect(yamlError("v: |0\n  x\n")?.location == loc(1, 5))
    }

    @Test func blockScalarNodesStartAtTheirIndicator() throws {
        let root = try YAMLReader.read("a:\n  b: >-\n    text\n")
        #expect(node(root, "a", "b")?.location == loc(2, 6))
    }

    @Test func rejectsTextAfterABlockScalarIndicator() throws {
        let error = try #require(yamlError("v: | text\n  more\n"))
        #expect(error.location == loc(1, 6))
        #expect(error.message.contains("block scalar"))
    }
}
