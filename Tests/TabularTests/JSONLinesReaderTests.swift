import Testing
@testable import Tabular

@Suite struct JSONLinesReaderTests {
    @Test func readsNestedPathsAndArrayElements() throws {
        let text = #"{"output": {"score": 0.75, "meta": {"model": "m1"}}, "probs": [0.1, 0.7, 0.2]}"#
        let rows = try jsonValues(text, paths: ["output.score", "output.meta.model", "probs.1", "probs.3", "output.none"])
        #expect(rows == [["0.75", "m1", "0.7", nil, nil]])
    }

    @Test func readsAnArrayOfScoresIntoAReusedBuffer() throws {
        let reader = JSONLinesReader(bytes: Array("{\"p\": [0.1, 0.7, 0.2]}\n{\"p\": [1e0, -2]}\n{\"p\": null}\n".utf8))
        let p = try reader.slot("p")
        var scores: [Double] = []
        var seen: [[Double]] = []
        try reader.forEachRow { row in
            if try row.doubles(p, into: &scores) { seen.append(scores) }
        }
        #expect(seen == [[0.1, 0.7, 0.2], [1, -2]])
    }

    @Test func unescapesStrings() throws {
        let text = #"{"s": "tab\there \"quoted\" back\\slash \/ \u00e9 \ud83d\ude00 \b\f\r\n"}"#
        #expect(try jsonValues(text, paths: ["s"]) == [["tab\there \"quoted\" back\\slash / é 😀 \u{8}\u{C}\r\n"]])
    }

    @Test func matchesKeysWrittenWithEscapes() throws {
        #expect(try jsonValues(#"{"sc\u006fre": 1, "a\"b": 2}"#, paths: ["score", "a\"b"]) == [["1", "2"]])
    }

    @Test func readsBooleansAndTreatsNullAndAbsenceAsMissing() throws {
        let reader = JSONLinesReader(bytes: Array("{\"b\": true, \"n\": null}\n{\"b\": false}\n".utf8))
        let (b, n) = (try reader.slot("b"), try reader.slot("n"))
        let first = try #require(try reader.next())
        #expect(try first.string(b) == "true")
        #expect(first.isMissing(n))
        let second = try #require(try reader.next())
        #expect(try second.string(b) == "false")
        #expect(second.isMissing(n))
        #expect(try reader.next() == nil)
    }

    @Test func skipsBlankLinesAndAcceptsCRLF() throws {
        let reader = JSONLinesReader(bytes: Array("\r\n{\"a\": 1}\r\n  \n\n{\"a\": 2}\r\n\r\n".utf8))
        let a = try reader.slot("a")
        var seen: [[Int]] = []
        try reader.forEachRow { seen.append([$0.number, $0.line, try $0.int(a) ?? -1]) }
        #expect(seen == [[1, 2, 1], [2, 5, 2]])
    }

    @Test func theLastOfDuplicateKeysWins() throws {
        #expect(try jsonValues(#"{"a": 1, "a": "two"}"#, paths: ["a"]) == [["two"]])
        #expect(try jsonValues(#"{"a": 1, "a": null}"#, paths: ["a"]) == [[nil]])
    }

    @Test func skipsDeepAndOddValuesOffThePaths() throws {
        let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        let text = "{\"skip\": \(deep), \"s\": \"}]\\\"\", \"e\": {}, \"x\": -0.5e-3}"
        #expect(try jsonValues(text, paths: ["x", "e"]) == [["-0.5e-3", "{}"]])
    }

    @Test func givesAContainerAsRawJSON() throws {
        #expect(try jsonValues(#"{"o": {"k": [1, {"z": null}]}}"#, paths: ["o"]) == [[#"{"k": [1, {"z": null}]}"#]])
    }

    @Test func readsAFileFromDisk() throws {
        let sum = try withTemporaryFile(named: "p.jsonl", Array("{\"y\": 1, \"s\": 0.25}\n{\"y\": 0, \"s\": 0.5}\n".utf8)) { path in
            let reader = try openTable(path, format: .jsonLines)
            let s = try reader.slot("s")
            var sum = 0.0
            try reader.forEachRow { sum += try $0.double(s) ?? 0 }
            return sum
        }
        #expect(sum == 0.75)
    }
}
