import Document
import Testing

/// The convention: a key indented wrongly is reported on its own line, at its own column, never
/// on the line before it (which YAML may read it as continuing).
@Suite struct YAMLIndentationErrorTests {
    static let sample = """
        version: 1
        candidate:
          name: credit-risk
          version: 2.4.0
          artifacts: [models/model.onnx]
          predictor:
            type: command
            inputs: {X: [age, income]}
            batch_size: 100
        gates:
          - id: quality
            type: accuracy
            blocking: true
            thresholds:
              f1: ">= 0.85"
              roc_auc: ">= 0.90"
          - id: speed
            type: latency
            timeout: 10m
        waivers:
          - gate: quality
            check: f1
            reason: known
        """

    /// Lines holding `key: value` whose line above holds a sibling `key: value` with a scalar or
    /// flow value: moving such a key in or out by a little cannot make valid YAML.
    static var movableKeyLines: [Int] {
        let lines = sample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func keyColumn(_ line: String) -> Int? {
            let indent = line.prefix(while: { $0 == " " }).count
            let rest = line.dropFirst(indent)
            let key = rest.hasPrefix("- ") ? rest.dropFirst(2) : rest
            guard let colon = key.firstIndex(of: ":"), key[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                  key[colon...].hasPrefix(": ") else { return nil }
            return indent + (rest.hasPrefix("- ") ? 2 : 0)
        }
        return lines.indices.dropFirst().filter { i in
            guard !lines[i].trimmingPrefix(" ").hasPrefix("- "), let column = keyColumn(lines[i]),
                  keyColumn(lines[i - 1]) == column else { return false }
            let value = lines[i - 1].split(separator: ":", maxSplits: 1)[1].drop(while: { $0 == " " })
            return !value.isEmpty && !value.hasPrefix("|") && !value.hasPrefix(">")
        }
    }

    static func moving(line index: Int, by shift: Int) -> (text: String, keyColumn: Int) {
        var lines = sample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let indent = lines[index].prefix(while: { $0 == " " }).count
        lines[index] = String(repeating: " ", count: indent + shift) + lines[index].dropFirst(indent)
        return (lines.joined(separator: "\n") + "\n", indent + shift + 1)
    }

    @Test func theSampleReadsAndHasKeysToMove() throws {
        _ = try YAMLReader.read(Self.sample)
        #expect(Self.movableKeyLines.count == 11)
    }

    @Test(arguments: [1, 2, 3, 4])
    func aKeyIndentedTooDeepIsReportedOnItsLine(by shift: Int) throws {
        for index in Self.movableKeyLines {
            let (text, column) = Self.moving(line: index, by: shift)
            let error = try #require(yamlError(text), "accepted with line \(index + 1) moved in by \(shift)")
            #expect(error.location == loc(index + 1, column), "line \(index + 1) moved in by \(shift): \(error)")
            #expect(error.message.hasPrefix("bad indentation"), "\(error)")
        }
    }

    @Test func aKeyIndentedTooLittleIsReportedOnItsLine() throws {
        // One space out lands between two levels of the sample, whose levels are two spaces apart.
        for index in Self.movableKeyLines where Self.sample.split(separator: "\n")[index].hasPrefix("  ") {
            let (text, column) = Self.moving(line: index, by: -1)
            let error = try #require(yamlError(text), "accepted with line \(index + 1) moved out")
            #expect(error.location == loc(index + 1, column), "line \(index + 1) moved out: \(error)")
            #expect(error.message.hasPrefix("bad indentation"), "\(error)")
        }
    }

    @Test(arguments: [
        // Text, where the misplaced key is.
        ("candidate:\n  name: x\n   version: 2\n", loc(3, 4)),
        ("a:\n  b: 1\n    c: 2\n", loc(3, 5)),
        ("gates:\n  - id: a\n    type: b\n     timeout: 3\n", loc(4, 6)),
        ("- a: 1\n    b: 2\n", loc(2, 5)),
        ("a: x\n  b\n  c: 2\n", loc(3, 3)),                       // the text ran over two lines first
        ("x:\n  a: |\n    t\n  b: 1\n    c: 2\n", loc(5, 5)),     // after a block scalar
        ("x:\n  a: [1]\n    c: 2\n", loc(3, 5)),                  // after a flow collection
        ("x:\n  a: \"q\"\n    c: 2\n", loc(3, 5)),                // after a quoted scalar
        ("- a\n  b: 2\n", loc(2, 3)),                             // under a list item
        ("a: 1\nb\n  c: 2\n", loc(3, 3)),                         // under a key that lacks its ':'
        ("a:\n  b\n    c: 1\n", loc(3, 5)),
        ("map:\n  a: 1\n b: 2\n", loc(3, 2)),                     // too little
        ("x:\n  y:\n    a: 1\n   c: 2\n", loc(4, 4)),
        ("x:\n  - id: 1\n   c: 2\n", loc(3, 4)),
        ("x:\n  - id: 1\n  c: 2\n", loc(3, 3)),
    ])
    func aMisplacedKeyIsReportedOnItsOwnLine(_ text: String, _ at: Document.SourceLocation) throws {
        let error = try #require(yamlError(text))
        #expect(error.location == at, "\(error)")
    }

    @Test(arguments: [
        ("a:\n\tb: 1\n", loc(2, 1)),
        ("a:\n  b: 1\n\tc: 2\n", loc(3, 1)),
        ("a:\n  b: 1\n  \tc: 2\n", loc(3, 3)),
        ("a:\n  b:\n\t  c: 1\n", loc(3, 1)),
        ("a:\n  b: x\n\t  c: 1\n", loc(3, 1)),
        ("a: x\n\tb: 1\n", loc(2, 1)),
        ("l:\n  - a\n\t- b\n", loc(3, 1)),
        ("l:\n  - a\n  \t- b\n", loc(3, 3)),
    ])
    func aTabIndentedLineIsReportedAtItsTab(_ text: String, _ at: Document.SourceLocation) throws {
        let error = try #require(yamlError(text))
        #expect(error.location == at, "\(error)")
        #expect(error.message == "tab characters cannot be used for indentation in YAML; indent with spaces")
    }

    @Test func theMessageNamesTheKeyAndTheColumnsOfItsMapping() throws {
        #expect(yamlError("candidate:\n  name: x\n   version: 2\n")?.message
                == "bad indentation: the key 'version' is at column 4, but the keys of its mapping are at column 3 (indented deeper, it would continue the value on line 2)")
        #expect(yamlError("a: 1\nb\n  c: 2\n")?.message
                == "bad indentation: the key 'c' at column 3 is indented as a continuation of the text that starts at 2:1; a key must start its own line at its mapping's indentation (or is a ':' missing after that text?)")
    }

    @Test func aKeyThatIsOneMultiLineScalarIsStillReportedWhereItStarts() throws {
        // A quoted key spanning lines is no indentation mistake: the key is the problem.
        let error = try #require(yamlError("\"a\n b\": 1\n"))
        #expect(error.location == loc(1, 1))
        #expect(error.message.hasPrefix("a mapping key must fit on one line"))
    }
}
