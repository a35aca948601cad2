import Testing
@testable import Tabular

/// Malformed JSON names the file, the line and the byte column; a wrong value names the path.
@Suite struct JSONLinesErrorTests {
    private func error(_ text: String, paths: [String] = ["a"], chunkSize: Int = defaultChunkSize) -> String? {
        readingError({ JSONLinesReader(bytes: Array(text.utf8), name: "p.jsonl", chunkSize: chunkSize) }, paths: paths)
    }

    @Test func locatesSyntaxErrorsByLineAndByteColumn() {
        #expect(error("{\"a\": 1}\n\n{\"a\": 1 \"b\": 2}\n") == "p.jsonl:line 3, column 9: expected ',' or '}' in an object")
        #expect(error("{\"a\" 1}") == "p.jsonl:line 1, column 6: expected ':' after an object key")
        #expect(error("{\"a\": [1, 2}") == "p.jsonl:line 1, column 12: expected ',' or ']' in an array")
        #expect(error("{\"a\": tru}") == "p.jsonl:line 1, column 7: expected a JSON value")
        #expect(error("{\"a\": 1,}") == "p.jsonl:line 1, column 9: expected a string key")
        #expect(error("{\"a\": {\"b\": 1}") == "p.jsonl:line 1, column 15: unexpected end of line inside a JSON value")
    }

    @Test func requiresOneObjectPerLine() {
        #expect(error("[1, 2]\n") == "p.jsonl:line 1, column 1: expected a JSON object at the start of the line")
        #expect(error("{\"a\": 1} {\"a\": 2}\n") == "p.jsonl:line 1, column 10: unexpected text after the JSON object")
        #expect(error("{\"a\": 1}\n{\"a\": \"multi\nline\"}\n") == "p.jsonl:line 2, column 7: unterminated string")
    }

    @Test func rejectsInvalidNumbers() {
        for bad in ["01", "1.", ".5", "-", "1e", "+1", "1.e5", "NaN", "Infinity"] {
            #expect(error("{\"a\": \(bad)}") != nil, "\(bad)")
        }
        #expect(error("{\"a\": 1.}") == "p.jsonl:line 1, column 7: invalid number: digits must follow '.'")
    }

    @Test func rejectsInvalidStrings() {
        #expect(error("{\"a\": \"\\x\"}") == "p.jsonl:line 1, column 8: invalid escape in a string")
        #expect(error("{\"a\": \"\\u12G4\"}") == "p.jsonl:line 1, column 8: invalid \\u escape")
        #expect(error("{\"a\": \"\\ud800x\"}") == "p.jsonl:line 1, column 8: invalid \\u escape: unpaired surrogate")
        #expect(error("{\"a\": \"\\udc00\"}") == "p.jsonl:line 1, column 8: invalid \\u escape: unpaired surrogate")
        #expect(error("{\"a\": \"tab\there\"}") == "p.jsonl:line 1, column 11: control character in a string (it must be escaped)")
        let invalid = Array("{\"z\": \"".utf8) + [0xED, 0xA0, 0x80] + Array("\"}".utf8)
        #expect(readingError({ JSONLinesReader(bytes: invalid, name: "u.jsonl") })
            == "u.jsonl:line 1, column 8: invalid UTF-8 in a string")
    }

    @Test func namesThePathOfAValueOfTheWrongType() throws {
        let reader = JSONLinesReader(bytes: Array("{\"out\": {\"s\": 0.5}}\n\n{\"out\": {\"s\": \"high\"}}\n".utf8), name: "p.jsonl")
        let s = try reader.slot("out.s")
        var message: String?
        do {
            try reader.forEachRow { _ = try $0.double(s) }
        } catch {
            message = String(describing: error)
        }
        #expect(message == "p.jsonl:row 2 (line 3), field 'out.s': expected a number, got a string \"h***\"")
    }

    @Test func namesWhatAnArrayOfScoresHoldsInstead() throws {
        let reader = JSONLinesReader(bytes: Array("{\"p\": [0.5, \"x\"]}\n{\"p\": {}}\n".utf8), name: "p.jsonl")
        let p = try reader.slot("p")
        var buffer: [Double] = []
        let first = try #require(try reader.next())
        #expect(throws: TabularError(.value, path: "p.jsonl", row: 1, line: 1, field: "p",
                                     message: "element 2 of the array is not a number").json) {
            try first.doubles(p, into: &buffer)
        }
        let second = try #require(try reader.next())
        #expect(throws: TabularError.self) { try second.doubles(p, into: &buffer) }
    }

    @Test func namesAMissingRequiredValue() throws {
        let reader = JSONLinesReader(bytes: Array("{\"y\": null}\n".utf8), name: "p.jsonl")
        let y = try reader.slot("out.y")
        let row = try #require(try reader.next())
        #expect(String(describing: row.missingValueError(y)) == "p.jsonl:row 1 (line 1), field 'out.y': missing value (null or absent)")
    }

    @Test func refusesAPathWithAnEmptyKey() {
        #expect(error("{}", paths: ["a..b"])
            == "p.jsonl: 'a..b' is not a field path (keys separated by dots, such as output.score)")
    }

    @Test func stopsALineThatOutgrowsTheLimit() {
        let text = "{\"a\": \"" + String(repeating: "x", count: 5000) + "\"}\n"
        #expect(readingError({ JSONLinesReader(bytes: Array(text.utf8), name: "t.jsonl", chunkSize: 100, maxRecordBytes: 1000) })
            == "t.jsonl:line 1: line longer than 1000 bytes")
    }

    @Test func reportsEveryErrorTheSameWayWhateverTheChunkSize() {
        let broken = ["{\"a\": 1}\n{\"a\": [1,}\n", "{\"a\": \"x", "\n\n{\"a\" 1}", "{\"a\": 1}\r\nnull\r\n"]
        for text in broken {
            let expected = error(text)
            #expect(expected != nil)
            for size in tinyChunkSizes { #expect(error(text, chunkSize: size) == expected, "chunk \(size): \(text)") }
        }
    }
}

extension TabularError {
    /// The same error as reported by a JSON Lines reader (fields are called fields there).
    var json: TabularError {
        var copy = self
        copy.isJSON = true
        return copy
    }
}
