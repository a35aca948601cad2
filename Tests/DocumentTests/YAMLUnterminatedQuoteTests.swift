import Document
import Foundation
import Testing

/// The convention: a quoted scalar that is never closed is reported where its quote opened, as
/// unterminated, whatever the lines after it look like; a quoted scalar that is closed but whose
/// continuation line is not indented enough is reported on that line.
@Suite struct YAMLUnterminatedQuoteTests {
    /// A document with quoted scalars in every place configuration puts them: block values, list
    /// items, flow lists and mappings, keys, a scalar spanning lines. No quote is escaped, so the
    /// quotes alternate open, close.
    static let sample = """
        version: 1
        candidate:
          name: "credit-risk"
          version: "2.4.0"
          artifacts: ["models/model.onnx", "models/vocab.txt"]
          predictor:
            command: ["python3", "serve.py"]
            inputs: {X: ["age", "income"], "Y": "tenure"}
        gates:
          - id: "quality"
            thresholds:
              f1: ">= 0.85"
              roc_auc: ">= 0.90"
          - "speed"
          - id: speed
            "owner": "ml-team"
            note: "a text that
              spans two lines"
        waivers:
          - gate: "quality"
            reason: "known"
        """

    /// The offsets of the sample's quotes, in pairs (open, close).
    static func quotePairs(_ bytes: [UInt8], quote: String) -> [(open: Int, close: Int)] {
        let quotes = bytes.indices.filter { bytes[$0] == quote.utf8.first }
        return stride(from: 0, to: quotes.count, by: 2).map { (quotes[$0], quotes[$0 + 1]) }
    }

    static func location(of offset: Int, in bytes: [UInt8]) -> Document.SourceLocation {
        let before = bytes[..<offset]
        let line = before.filter { $0 == 0x0A }.count + 1
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return Document.SourceLocation(line: line, column: offset - lineStart + 1)
    }

    @Test(arguments: ["\"", "'"])
    func theSampleReadsWithEitherQuote(_ quote: String) throws {
        let text = Self.sample.replacingOccurrences(of: "\"", with: quote)
        let root = try YAMLReader.read(text)
        #expect(node(root, "gates", 2, "note")?.value == .string("a text that spans two lines"))
        #expect(node(root, "candidate", "predictor", "inputs", "Y")?.value == .string("tenure"))
    }

    @Test(arguments: ["\"", "'"])
    func everyMissingClosingQuoteIsReportedWhereTheQuoteOpened(_ quote: String) throws {
        let kind = quote == "'" ? "single-quoted" : "double-quoted"
        let bytes = Array(Self.sample.replacingOccurrences(of: "\"", with: quote).utf8)
        let pairs = Self.quotePairs(bytes, quote: quote)
        #expect(pairs.count == 19)
        for pair in pairs {
            var broken = bytes
            broken.remove(at: pair.close)
            let error = try #require(yamlError(bytes: broken), "accepted without the quote at \(Self.location(of: pair.close, in: bytes))")
            #expect(error.location == Self.location(of: pair.open, in: bytes),
                    "quote closed at \(Self.location(of: pair.close, in: bytes)): \(error)")
            #expect(error.message.hasPrefix("unterminated \(kind) string that starts here; its closing quote (\(quote)) is missing"),
                    "\(error)")
        }
    }

    @Test(arguments: [
        // Text, where the quote opens.
        ("a: \"abc", loc(1, 4)),                              // at the end of the file, no line break
        ("a: \"abc\n\n\n", loc(1, 4)),                        // empty lines up to the end
        ("a: {b: \"x, c: d}\ne: f\n", loc(1, 8)),             // in a flow mapping, the next line is a key
        ("a: {b: \"x, c: d}\n", loc(1, 8)),                   // in a flow mapping, at the end of the file
        ("l:\n  - \"x\n  - y\n", loc(2, 5)),                  // in a block sequence
        ("l:\n  - \"x\n  - \"y\"\n", loc(2, 5)),              // the next item's quote would close it
        ("a: [\n  \"x,\n  \"y\"\n]\n", loc(2, 3)),            // closed by accident, indented enough
        ("a: \"say \\\"hi\\\"\nb: 1\n", loc(1, 4)),           // escaped quotes do not close it
        ("a: 'it''s\nb: 1\n", loc(1, 4)),                     // neither does a doubled single quote
        ("\"key: 1\nb: 2\n", loc(1, 1)),                      // a key
        ("a:\n  b: \"one\n    two\n    three\n  c: 4\n", loc(2, 6)),  // after lines that did continue it
        ("a:\n  b: \"x\\\n  c: 1\n", loc(2, 6)),              // an escaped line break before the next key
        ("a: \"x\n---\n", loc(1, 4)),                         // a document marker follows
        ("a: \"x\r\nb: 1\r\n", loc(1, 4)),                    // CR LF line breaks
        ("ключ: \"x\nb: 1\n", loc(1, 7)),                     // the column counts characters
        ("a: [\"x, \"y\"]\n", loc(1, 5)),                     // on one line, the next value's quote closes it
        ("a:\n  b: \"x\n\tc: y\n", loc(2, 6)),                // the next line is indented with a tab
    ])
    func anUnterminatedQuoteIsReportedWhereItOpens(_ text: String, _ opened: Document.SourceLocation) throws {
        let error = try #require(yamlError(text))
        #expect(error.location == opened, "\(error)")
        #expect(error.message.hasPrefix("unterminated"), "\(error)")
    }

    @Test func theMessageSaysWhatShowsTheQuoteIsMissing() throws {
        #expect(yamlError("a: \"abc\n")?.message
                == "unterminated double-quoted string that starts here; its closing quote (\") is missing before the end of the file")
        #expect(yamlError("c:\n  name: 'x\n  version: 2\n")?.message
                == "unterminated single-quoted string that starts here; its closing quote (') is missing before line 3, which is not indented enough to continue it")
        #expect(yamlError("a: \"x\n---\n")?.message
                == "unterminated double-quoted string that starts here; its closing quote (\") is missing before line 2, a document marker")
        #expect(yamlError("a: [\"x, \"y\"]\n")?.message
                == "unterminated double-quoted string that starts here; its closing quote (\") is missing: the quote at 1:9 that would close it is followed by 'y\"', so it opens another value")
    }

    @Test(arguments: [
        ("a: \"one\n  two\"\n", "one two"),
        ("a: 'one\n\n  two'\n", "one\ntwo"),
        ("- \"x\n  y\"\n", "x y"),
        ("{a: \"x\n y\"}\n", "x y"),
        ("a: [\"x\n  y\", z]\n", "x y"),
        ("\"one\ntwo\"\n", "one two"),
        ("a: \"x\\\n  y\"\n", "xy"),
        ("a: \"x\" # \"not a quote\n", "x"),
    ])
    func quotedScalarsContinuedOnIndentedLinesStillRead(_ text: String, _ expected: String) throws {
        let root = try YAMLReader.read(text)
        #expect(firstString(root) == expected)
    }

    @Test(arguments: [
        // Closed, but a line of it is not indented enough: that line is the mistake.
        ("a:\n  b: \"x\n  y\"\n", loc(3, 3), "this line continues the double-quoted string that starts at 2:6 and must be indented by at least 3 spaces"),
        ("a:\n  b: 'x\n  y'\n", loc(3, 3), "this line continues the single-quoted string that starts at 2:6 and must be indented by at least 3 spaces"),
        ("a:\n  b: \"x\n  y\": 1\n", loc(3, 3), "this line continues the double-quoted string that starts at 2:6 and must be indented by at least 3 spaces"),
        ("quoted: \"a\nb\nc\"\n", loc(2, 1), "this line continues the double-quoted string that starts at 1:9 and must be indented by at least 1 space"),
        ("a:\n  b: \"x\n\ty\"\n", loc(3, 1), "tab characters cannot be used for indentation in YAML; indent with spaces"),
        ("\"x\n---\ny\"\n", loc(2, 1), "a document marker ('---' or '...') cannot appear inside a quoted scalar; indent the line"),
    ])
    func aClosedQuoteWithAnUnderIndentedLineIsReportedOnThatLine(_ text: String, _ at: Document.SourceLocation, _ message: String) throws {
        let error = try #require(yamlError(text))
        #expect(error.location == at)
        #expect(error.message == message)
    }

    @Test func textRightAfterAClosingQuoteIsStillReportedThere() throws {
        // The quote is preceded by text, so it closes the scalar: what follows is the mistake.
        let error = try #require(yamlError("a: \"x\n  y\"z\n"))
        #expect(error.location == loc(2, 5))
        #expect(error.message == "unexpected 'z' after the value; expected the end of the line")
    }
}

/// The first string of a document, depth first.
private func firstString(_ root: Node) -> String? {
    switch root.value {
    case .string(let s): return s
    case .array(let items): return items.lazy.compactMap(firstString).first
    case .object(let members): return members.lazy.compactMap { firstString($0.value) }.first
    default: return nil
    }
}
