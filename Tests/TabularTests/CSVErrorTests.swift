import Testing
@testable import Tabular

/// Every malformation gives one line naming the file, the row, the line and the column.
@Suite struct CSVErrorTests {
    private func error(_ text: String, columns: [String] = [], chunkSize: Int = defaultChunkSize) -> String? {
        readingError({ try CSVReader(bytes: Array(text.utf8), name: "data/test.csv", chunkSize: chunkSize) },
                     paths: columns)
    }

    @Test func namesTheRowWithTooManyOrTooFewFields() {
        #expect(error("a,b,c\n1,2,3\n\n4,5,6,7\n")
            == "data/test.csv:row 2 (line 4): expected 3 fields as in the header, found 4")
        #expect(error("a,b,c\n1,2\n") == "data/test.csv:row 1 (line 2): expected 3 fields as in the header, found 2")
    }

    @Test func callsAnUnterminatedQuoteATruncatedFile() {
        #expect(error("id,text\n1,ok\n2,\"never\nclosed\n")
            == "data/test.csv:row 2 (line 3), column 'text': unterminated quoted field (is the file truncated?)")
    }

    @Test func rejectsAQuoteInsideAnUnquotedField() {
        #expect(error("id,text\n1,ab\"c\"\n")
            == "data/test.csv:row 1 (line 2), column 'text': quote inside an unquoted field (quote the whole field, doubling inner quotes)")
    }

    @Test func rejectsTextAfterAClosingQuote() {
        #expect(error("id,text\n1,\"ab\"c\n")
            == "data/test.csv:row 1 (line 2), column 'text': unexpected character after the closing quote of a field")
    }

    @Test func rejectsInvalidUTF8InTheHeader() {
        let bytes: [UInt8] = Array("id,".utf8) + [0xC3, 0x28] + Array("\n1,2\n".utf8)
        #expect(readingError({ try CSVReader(bytes: bytes, name: "h.csv") })
            == "h.csv:line 1, column 2: invalid UTF-8 in the header")
    }

    @Test func refusesClassicMacLineBreaks() {
        #expect(error("a,b\r1,2\r3,4\r") == "data/test.csv:line 1, column 2: carriage returns without line feeds: convert the line breaks to LF or CRLF")
    }

    @Test func namesTheMissingColumnAndTheColumnsThereAre() {
        #expect(error("id,score\n1,2\n", columns: ["label"])
            == "data/test.csv:line 1: no column 'label' in the header (columns: 'id', 'score')")
    }

    @Test func refusesAColumnNameThatIsAmbiguous() {
        #expect(error("x,y,x\n1,2,3\n", columns: ["x"])
            == "data/test.csv:line 1: column 'x' appears more than once in the header (columns 1, 3)")
    }

    @Test func masksTheValueThatIsNotANumber() throws {
        let reader = try CSVReader(bytes: Array("id,score\n1,0.5\n2,john.doe@example.com\n".utf8), name: "data/test.csv")
        let score = try reader.slot("score")
        var message: String?
        do {
            try reader.forEachRow { _ = try $0.double(score) }
        } catch {
            message = String(describing: error)
        }
        #expect(message == "data/test.csv:row 2 (line 3), column 'score': expected a number, got \"j***\"")
    }

    @Test func masksNonASCIIAndControlCharactersWhole() throws {
        let reader = try CSVReader(bytes: Array("n\nÉmile\n\"\ta\"\n".utf8))
        let n = try reader.slot("n")
        let first = try #require(try reader.next())
        #expect(throws: TabularError.self) { try first.int(n) }
        #expect(String(describing: first.error(n, "x \(maskedExcerpt(first.bytes(n)))")).hasSuffix("x \"É***\""))
        let second = try #require(try reader.next())
        #expect(maskedExcerpt(second.bytes(n)) == "\"?***\"")
    }

    @Test func namesAMissingRequiredValue() throws {
        let reader = try CSVReader(bytes: Array("id,label\n1,\n".utf8), name: "data/test.csv")
        let label = try reader.slot("label")
        let row = try #require(try reader.next())
        var table = LabelTable()
        #expect(try row.label(label, in: &table) == nil)
        #expect(String(describing: row.missingValueError(label))
            == "data/test.csv:row 1 (line 2), column 'label': missing value (empty field)")
    }

    @Test func saysAnEmptyFileHasNoHeader() {
        #expect(error("") == "data/test.csv:line 1: empty file: no header row")
        #expect(error("\n\r\n") == "data/test.csv:line 3: empty file: no header row")
    }

    @Test func refusesADelimiterThatCannotWork() {
        #expect(readingError({ try CSVReader(bytes: [], delimiter: UInt8(ascii: "\"")) })
            == "<memory>: the delimiter must be one ASCII character other than a quote or a line break")
    }

    @Test func namesAFileThatCannotBeOpened() {
        #expect(readingError({ try CSVReader(path: "/nonexistent/test.csv") })
            == "/nonexistent/test.csv: cannot open: No such file or directory")
    }

    @Test func stopsARecordThatOutgrowsTheLimit() {
        let text = "a\n\"" + String(repeating: "x", count: 5000)
        #expect(readingError({ try CSVReader(bytes: Array(text.utf8), name: "t.csv", chunkSize: 64, maxRecordBytes: 1024) })
            == "t.csv:row 1 (line 2): record longer than 1024 bytes (an unclosed quote?)")
    }

    @Test func reportsEveryErrorTheSameWayWhateverTheChunkSize() {
        let broken = ["a,b\n1,2\n3\n", "a,b\n1,\"2\n", "a,b\n1,2\"\n", "a,b\n\"1\"x,2\n"]
        for text in broken {
            let expected = error(text)
            #expect(expected != nil)
            for size in tinyChunkSizes { #expect(error(text, chunkSize: size) == expected, "chunk \(size): \(text)") }
        }
    }
}
