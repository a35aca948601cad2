import Testing
@testable import Tabular

@Suite struct LabelTableTests {
    /// The label ids of one CSV column, row by row.
    private func csvLabels(_ cells: [String], table: inout LabelTable) throws -> [Int?] {
        let reader = try CSVReader(bytes: Array(("label\n" + cells.joined(separator: "\n") + "\n").utf8))
        let slot = try reader.slot("label")
        var ids: [Int?] = []
        try reader.forEachRow { ids.append(try $0.label(slot, in: &table)) }
        return ids
    }

    @Test func csvNumbersCompareAsNumbers() throws {
        var table = LabelTable()
        let ids = try csvLabels(["1", "1.0", "01", "1e0", " 1", "1.5", "1.50", "-0", "0", "12345678901234567891"], table: &table)
        #expect(ids == [0, 0, 0, 0, 0, 1, 1, 2, 2, 3])
        #expect(table.labels == [Label(1), Label(1.5), Label(0), Label(1.2345678901234567e19)])
    }

    @Test func csvStringsCompareExactlyByteForByte() throws {
        var table = LabelTable()
        // "é" precomposed and decomposed are equal Swift Strings, but different labels.
        let ids = try csvLabels(["cat", "Cat", " cat", "cat", "\u{E9}", "e\u{301}", "nan", "NaN", "inf"], table: &table)
        #expect(ids == [0, 1, 2, 0, 3, 4, 5, 6, 7])
        #expect(table.labels[4] != table.labels[3])
    }

    @Test func csvBooleanWordsEqualJSONBooleans() throws {
        var table = LabelTable()
        let csv = try csvLabels(["true", "True", "TRUE", "false", "tRuE"], table: &table)
        let reader = JSONLinesReader(bytes: Array("{\"y\": true}\n{\"y\": false}\n{\"y\": \"true\"}\n".utf8))
        let y = try reader.slot("y")
        var json: [Int?] = []
        try reader.forEachRow { json.append(try $0.label(y, in: &table)) }
        #expect(csv == [0, 0, 0, 1, 2])
        #expect(json == [0, 1, 3])
    }

    @Test func onlyPandasSpellingsOfFalseAreBooleans() throws {
        var table = LabelTable()
        let ids = try csvLabels(["false", "False", "FALSE", "fALSE", "FAlse", "fals", "north", "TRUE "], table: &table)
        #expect(ids == [0, 0, 0, 1, 2, 3, 4, 5])
        #expect(table.labels[0] == Label(false))
        #expect(table.labels[1] == Label("fALSE"))
    }

    @Test func jsonStringsAreNotNumbers() throws {
        var table = LabelTable()
        let reader = JSONLinesReader(bytes: Array("{\"y\": 1}\n{\"y\": 1.0}\n{\"y\": \"1\"}\n{\"y\": null}\n".utf8))
        let y = try reader.slot("y")
        var ids: [Int?] = []
        try reader.forEachRow { ids.append(try $0.label(y, in: &table)) }
        #expect(ids == [0, 0, 1, nil])
        #expect(table.labels == [Label(1), Label("1")])
    }

    @Test func aRepeatedCSVTextKeepsItsMeaningAndAJSONStringWithItsBytesStaysAString() throws {
        var table = LabelTable()
        #expect(try csvLabels(["1.0", "TRUE", "north", "1.0", "TRUE", "north"], table: &table) == [0, 1, 2, 0, 1, 2])
        let reader = JSONLinesReader(bytes: Array("{\"y\": \"1.0\"}\n{\"y\": \"TRUE\"}\n{\"y\": \"north\"}\n".utf8))
        let y = try reader.slot("y")
        var json: [Int?] = []
        try reader.forEachRow { json.append(try $0.label(y, in: &table)) }
        #expect(json == [3, 4, 2])
        #expect(try csvLabels(["TRUE", "1.0", "1"], table: &table) == [1, 0, 0])
        #expect(table.labels == [Label(1), Label(true), Label("north"), Label("1.0"), Label("TRUE")])
    }

    @Test func configuredClassesKeepTheirOrder() throws {
        var table = LabelTable([Label("dog"), Label("cat"), Label(2)])
        let ids = try csvLabels(["cat", "2.0", "bird", "dog"], table: &table)
        #expect(ids == [1, 2, 3, 0])
        #expect(table.id(of: Label("bird")) == 3)
        #expect(table.id(of: Label("fish")) == nil)
    }

    @Test func manyDistinctLabelsKeepDenseIds() throws {
        var table = LabelTable()
        let cells = (0 ..< 5000).map { "class-\($0)" } + (0 ..< 5000).map { "class-\($0)" }
        let ids = try csvLabels(cells, table: &table)
        #expect(ids == (0 ..< 5000).map { $0 } + (0 ..< 5000).map { $0 })
        #expect(table.count == 5000)
        #expect(table.labels[4321] == Label("class-4321"))
    }

    @Test func labelsNormalizeNumbersAndCompareNaNToItself() {
        #expect(Label(2.0) == Label(2))
        #expect(Label(-0.0) == Label(0))
        #expect(Label(Double.nan) == Label(-Double.nan))
        #expect(Label(text: "3.0") == Label(3))
        #expect(Label(text: "False") == Label(false))
        #expect(Label(text: "x") == Label("x"))
        #expect(Label(0.25).description == "0.25")
        #expect(Label(7).description == "7")
    }

    @Test func refusesALabelThatIsNotValidUTF8() throws {
        var table = LabelTable()
        let reader = try CSVReader(bytes: Array("y\n".utf8) + [0xFF, 0x0A], name: "l.csv")
        let y = try reader.slot("y")
        let row = try #require(try reader.next())
        #expect(throws: TabularError.self) { try row.label(y, in: &table) }
        #expect(table.count == 0)
    }
}
