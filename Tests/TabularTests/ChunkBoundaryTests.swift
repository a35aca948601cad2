import Testing
@testable import Tabular

/// Records that straddle read chunks must read exactly as records that do not.
@Suite struct ChunkBoundaryTests {
    static let csv = "\u{FEFF}id,\"te\"\"xt\",score\r\n"
        + "1,\"a,b\",0.5\r\n"
        + "2,\"multi\nline \"\"quoted\"\"\",1e-3\n"
        + "\n"
        + "3,,\"7\"\r\n"
        + "4,\"\",-inf\n"
        + "5,plain text,2.5"

    static let jsonLines = "\u{FEFF}{\"id\": 1, \"out\": {\"score\": 0.5, \"label\": \"a\\nb\"}, \"p\": [0.1, 0.9]}\r\n"
        + "\n"
        + "{\"skip\": {\"deep\": [[1, {\"x\": \"}\"}], \"\\\"\"]}, \"id\": 2, \"out\": {\"score\": null}}\n"
        + "   \n"
        + "{\"id\": 3, \"out\": {\"label\": \"\\u00e9\\ud83d\\ude00\", \"score\": -1.5e2}, \"p\": []}"

    @Test func csvReadsTheSameWithTinyChunks() throws {
        let columns = ["score", "te\"xt", "id"]
        let expected = try csvValues(Self.csv, columns: columns)
        #expect(expected == [["0.5", "a,b", "1"], ["1e-3", "multi\nline \"quoted\"", "2"], ["7", nil, "3"],
                             ["-inf", nil, "4"], ["2.5", "plain text", "5"]])
        for size in tinyChunkSizes {
            #expect(try csvValues(Self.csv, columns: columns, chunkSize: size) == expected, "chunk size \(size)")
        }
    }

    @Test func csvNumbersRowsAndLinesTheSameWithTinyChunks() throws {
        func positions(_ size: Int) throws -> [[Int]] {
            let reader = try CSVReader(bytes: Array(Self.csv.utf8), chunkSize: size)
            var seen: [[Int]] = []
            try reader.forEachRow { seen.append([$0.number, $0.line]) }
            return seen
        }
        let expected = try positions(defaultChunkSize)
        #expect(expected == [[1, 2], [2, 3], [3, 6], [4, 7], [5, 8]])
        for size in tinyChunkSizes { #expect(try positions(size) == expected) }
    }

    @Test func jsonLinesReadTheSameWithTinyChunks() throws {
        let paths = ["id", "out.score", "out.label", "p", "p.1"]
        let expected = try jsonValues(Self.jsonLines, paths: paths)
        #expect(expected == [["1", "0.5", "a\nb", "[0.1, 0.9]", "0.9"], ["2", nil, nil, nil, nil],
                             ["3", "-1.5e2", "é😀", "[]", nil]])
        for size in tinyChunkSizes {
            #expect(try jsonValues(Self.jsonLines, paths: paths, chunkSize: size) == expected, "chunk size \(size)")
        }
    }

    @Test func filesReadTheSameWithTinyChunks() throws {
        let expectedCSV = try csvValues(Self.csv, columns: ["score", "id"])
        let expectedJSON = try jsonValues(Self.jsonLines, paths: ["p.1", "out.label"])
        for size in tinyChunkSizes {
            let csv = try withTemporaryFile(named: "t.csv", Array(Self.csv.utf8)) { path in
                try values(of: CSVReader(path: path, chunkSize: size), paths: ["score", "id"])
            }
            let json = try withTemporaryFile(named: "t.jsonl", Array(Self.jsonLines.utf8)) { path in
                try values(of: JSONLinesReader(path: path, chunkSize: size), paths: ["p.1", "out.label"])
            }
            #expect(csv == expectedCSV, "chunk size \(size)")
            #expect(json == expectedJSON, "chunk size \(size)")
        }
    }

    @Test func aRecordLongerThanAChunkGrowsTheBuffer() throws {
        let long = String(repeating: "ab", count: 10_000)
        let csv = "x,y\n\"\(long)\",1\n2,3\n"
        #expect(try csvValues(csv, columns: ["x", "y"], chunkSize: 16) == [[long, "1"], ["2", "3"]])
        let json = "{\"x\": \"\(long)\", \"y\": 1}\n{\"x\": \"2\"}\n"
        #expect(try jsonValues(json, paths: ["x", "y"], chunkSize: 16) == [[long, "1"], ["2", nil]])
    }
}
