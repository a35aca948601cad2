import Testing
@testable import Tabular

@Suite struct CSVReaderTests {
    @Test func readsQuotedFieldsHoldingDelimitersQuotesAndLineBreaks() throws {
        let text = "id,text\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"crlf\r\ninside\"\n"
        let rows = try csvValues(text, columns: ["id", "text"])
        #expect(rows == [["1", "a,b"], ["2", "say \"hi\""], ["3", "two\nlines"], ["4", "crlf\r\ninside"]])
    }

    @Test func skipsTheByteOrderMark() throws {
        let reader = try CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("id,score\n7,0.5\n".utf8))
        #expect(reader.columns == ["id", "score"])
        #expect(try values(of: reader, paths: ["id"]) == [["7"]])
    }

    @Test func acceptsCRLFAndLFInOneFile() throws {
        let rows = try csvValues("a,b\r\n1,2\r\n3,4\n5,6\r\n", columns: ["a", "b"])
        #expect(rows == [["1", "2"], ["3", "4"], ["5", "6"]])
    }

    @Test func readsALastLineWithoutLineBreak() throws {
        #expect(try csvValues("a,b\n1,2\n3,4", columns: ["b"]) == [["2"], ["4"]])
        #expect(try csvValues("a,b\n1,2\n3,\"4\"", columns: ["b"]) == [["2"], ["4"]])
        #expect(try csvValues("a,b\r\n1,2\r\n3,4\r", columns: ["b"]) == [["2"], ["4"]])
    }

    @Test func skipsBlankLinesButNotAQuotedEmptyField() throws {
        #expect(try csvValues("a,b\n1,2\n\n3,4\n\n\r\n", columns: ["a"]) == [["1"], ["3"]])
        #expect(try csvValues("a\n1\n\"\"\n2\n", columns: ["a"]) == [["1"], [nil], ["2"]])
    }

    @Test func readsOtherDelimiters() throws {
        #expect(try csvValues("a;b\n1,5;\"x;y\"\n", columns: ["a", "b"], delimiter: UInt8(ascii: ";"))
            == [["1,5", "x;y"]])
        #expect(try csvValues("a\tb\n1\t2\n", columns: ["b"], delimiter: 0x09) == [["2"]])
    }

    @Test func reportsEmptyFieldsQuotedOrNotAsMissing() throws {
        let reader = try CSVReader(bytes: Array("a,b,c\n,\"\",x\n".utf8))
        let (a, b, c) = (try reader.slot("a"), try reader.slot("b"), try reader.slot("c"))
        let row = try #require(try reader.next())
        #expect(row.isMissing(a) && row.isMissing(b) && !row.isMissing(c))
        #expect(try row.double(a) == nil)
        #expect(try row.string(b) == nil)
        #expect(try reader.next() == nil)
    }

    @Test func readsAnEmptyLastFieldBeforeTheEndOfFile() throws {
        #expect(try csvValues("a,b\n1,", columns: ["a", "b"]) == [["1", nil]])
        #expect(try csvValues("a,b\n1,\n", columns: ["a", "b"]) == [["1", nil]])
    }

    @Test func numbersRowsAndLinesCountingLineBreaksInsideQuotes() throws {
        let reader = try CSVReader(bytes: Array("\n\"col\numn\"\n\"a\nb\"\n\nc\n".utf8))
        #expect(reader.columns == ["col\numn"])
        var seen: [[Int]] = []
        try reader.forEachRow { seen.append([$0.number, $0.line]) }
        #expect(seen == [[1, 4], [2, 7]])
    }

    @Test func unescapesTheHeaderAndKeepsColumnsInOrder() throws {
        let reader = try CSVReader(bytes: Array("\"a \"\"quoted\"\" name\",plain,\"with,comma\"\n".utf8))
        #expect(reader.columns == ["a \"quoted\" name", "plain", "with,comma"])
        #expect(try reader.next() == nil)
    }

    @Test func readsTheSameColumnThroughTwoSlots() throws {
        let reader = try CSVReader(bytes: Array("a,b\n\"x\"\"y\",1\n".utf8))
        let first = try reader.slot("a")
        let second = try reader.slot("a")
        let row = try #require(try reader.next())
        #expect(try row.string(first) == "x\"y")
        #expect(try row.string(second) == "x\"y")
    }

    @Test func typedAccessorsReadNumbersIntegersAndArrays() throws {
        let reader = try CSVReader(bytes: Array("s,n,p\n 0.25 ,-12,\"[0.1, 0.7,0.2]\"\n1e-3,3.0,[]\n".utf8))
        let (s, n, p) = (try reader.slot("s"), try reader.slot("n"), try reader.slot("p"))
        var probabilities: [Double] = []
        let first = try #require(try reader.next())
        #expect(try first.double(s) == 0.25)
        #expect(try first.int(n) == -12)
        #expect(try first.doubles(p, into: &probabilities))
        #expect(probabilities == [0.1, 0.7, 0.2])
        let second = try #require(try reader.next())
        #expect(try second.double(s) == 0.001)
        #expect(try second.int(n) == 3)
        #expect(try second.doubles(p, into: &probabilities))
        #expect(probabilities.isEmpty)
    }

    @Test func readsAFileFromDisk() throws {
        let sum = try withTemporaryFile(named: "scores.csv", Array("id,score\n1,0.5\n2,0.75\n".utf8)) { path in
            let reader = try openTable(path, format: try #require(TableFormat(path: path)))
            let score = try reader.slot("score")
            var sum = 0.0
            try reader.forEachRow { sum += try $0.double(score) ?? 0 }
            return sum
        }
        #expect(sum == 1.25)
    }

    @Test func infersTheFormatFromTheFileName() {
        #expect(TableFormat(path: "a/b.CSV") == .csv(delimiter: UInt8(ascii: ",")))
        #expect(TableFormat(path: "b.tsv") == .csv(delimiter: 0x09))
        #expect(TableFormat(path: "b.jsonl") == .jsonLines)
        #expect(TableFormat(path: "b.ndjson") == .jsonLines)
        #expect(TableFormat(path: "b.parquet") == nil)
    }
}
