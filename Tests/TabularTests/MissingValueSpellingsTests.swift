import Testing
@testable import Tabular

/// CSV cells spelled as pandas' `read_csv` spells "no value" read as missing; anything else,
/// however close, is data.
@Suite struct MissingValueSpellingsTests {
    /// pandas 2.x `sorted(pandas._libs.parsers.STR_NA_VALUES)`, less "" (always missing here).
    static let pandasList = ["#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
                             "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]

    func missing(_ cells: [String], _ spellings: MissingValueSpellings, quoted: Bool = false) throws -> [Bool] {
        let body = cells.map { quoted ? "\"\($0)\",1" : "\($0),1" }.joined(separator: "\n")
        let reader = try CSVReader(bytes: Array("a,b\n\(body)\n".utf8))
        reader.missingValues = spellings
        let slot = try reader.slot("a")
        var flags: [Bool] = []
        while let row = try reader.next() { flags.append(row.isMissing(slot)) }
        return flags
    }

    @Test func theDefaultIsPandasList() {
        #expect(MissingValueSpellings.pandasDefaultList.sorted() == Self.pandasList)
    }

    @Test func everyPandasSpellingIsMissingQuotedOrNot() throws {
        for quoted in [false, true] {
            #expect(try missing(Self.pandasList, .pandasDefault, quoted: quoted) == Array(repeating: true, count: Self.pandasList.count))
        }
    }

    @Test func lookAlikesAreData() throws {
        let decoys = ["na", "NAN", " nan", "nan ", "NA1", "N/A N/A", "nul", "nulll", "Null", "none", "0", "-", "1.#INF", "inf", "#n/a"]
        #expect(try missing(decoys, .pandasDefault) == Array(repeating: false, count: decoys.count))
    }

    @Test func withoutSpellingsOnlyEmptyCellsAreMissing() throws {
        #expect(try missing(["NA", "", "nan", "\"\""], .none) == [false, true, false, true])
    }

    @Test func aTeamsOwnSpellingsReplaceTheDefault() throws {
        #expect(try missing(["?", "NA", "missing", "??"], MissingValueSpellings(["?", "missing"])) == [true, false, true, false])
    }

    @Test func longAndNonASCIISpellingsMatchExactlyAndOnlyThem() throws {
        let long = String(repeating: "x", count: 70)
        let spellings = MissingValueSpellings([long, "\u{F1}/a", "?"])
        let cells = [long, "\u{F1}/a", "?", String(repeating: "x", count: 63), String(repeating: "x", count: 71),
                     "y" + long.dropFirst(), "\u{F1}/b", "n/a", "??", "x"]
        #expect(try missing(cells, spellings) == [true, true, true, false, false, false, false, false, false, false])
    }

    @Test func numbersAndLabelsOfAMissingCellAreNil() throws {
        let reader = try CSVReader(bytes: Array("y,p\nNA,nan\n1,0.5\n".utf8))
        reader.missingValues = .pandasDefault
        let y = try reader.slot("y"), p = try reader.slot("p")
        var table = LabelTable()
        let first = try #require(try reader.next())
        #expect(try first.label(y, in: &table) == nil && first.double(p) == nil)
        let second = try #require(try reader.next())
        #expect(try second.label(y, in: &table) != nil && second.double(p) == 0.5)
    }
}
