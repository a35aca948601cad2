import Document
import PersonalData
import Tabular
import Testing
@testable import GDPRGate

/// Profiling on worker threads gives exactly the single-thread profile, and the byte-level
/// checks that spare a `String` per cell give exactly the answers of the `String` ones.
@Suite struct ParallelProfileTests {
    /// A seeded table with every kind the profile counts: whole identifiers, personal data inside
    /// comments, names and dates of birth by column context, special-category values, pseudonyms,
    /// empty cells, and dates for retention. Values vary with the row, so first sightings differ.
    static func table(rows: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let emails = ["ana.garcia@example.com", "j.smith@example.org", "", "not an email"]
        let cards = ["4111 1111 1111 1111", "5500005555555559", "4111 1111 1111 1112", ""]
        let names = ["Ana", "María José", "van Dijk", "x9", "Jürgen", ""]
        let religions = ["catholic", "Muslim", "none", "Évangélique", "ATHEIST", "42"]
        let comments = ["fine", "call me at +44 20 7946 0958", "mail ana.garcia@example.com please", "IBAN DE89370400440532013000", "ok"]
        var text = "customer_id,email,card_number,first_name,date_of_birth,group_tag,comment,signup_date,score\n"
        for row in 1...rows {
            let id = row % 5 == 0 ? "3f9c2a7e-0b1d-4c58-a6e2-f0b9d7c3a1e5" : "C\(row)"
            // The first rows fit nothing the context looks for and are within retention, so that
            // those first sightings, too, fall past row 1 and in some worker's later batch.
            let early = row <= 40
            let dob = early || next(4) == 0 ? "31.02.1990" : "19\(50 + next(50))-0\(1 + next(9))-1\(next(10))"
            let signup = early ? "2026-12-01" : next(7) == 0 ? "unknown" : "202\(next(7))-0\(1 + next(9))-0\(1 + next(9))"
            let name = early ? "x9" : names[next(names.count)]
            text += [id, emails[next(emails.count)], cards[next(cards.count)], name, dob,
                     religions[next(religions.count)], "\"\(comments[next(comments.count)])\"", signup, "\(next(1000))"]
                .joined(separator: ",") + "\n"
        }
        return Array(text.utf8)
    }

    func profiler(workers: Int, batchRows: Int) -> TableProfiler {
        var declaration = DataDeclaration()
        for (field, days) in [("email", 365), ("comment", 30)] {
            declaration.fields[field] = DataDeclaration.Field(name: field, retentionDays: days, pseudonymised: false, location: .none)
        }
        return TableProfiler(scanner: PersonalDataScanner(), today: CalendarDate(year: 2026, month: 12, day: 5),
                             asOf: DayNumber.days(year: 2026, month: 12, day: 5), declaration: declaration,
                             dateColumn: "signup_date", maxColumns: 100, workers: workers, batchRows: batchRows)
    }

    func profile(_ bytes: [UInt8], workers: Int, batchRows: Int = 8192) throws -> FileProfile {
        try profiler(workers: workers, batchRows: batchRows).profile(reader: try CSVReader(bytes: bytes, name: "t.csv"), name: "t.csv")
    }

    /// Everything a profile holds, in a stable order, as text to compare.
    static func summary(_ profile: FileProfile) -> [String] {
        var lines = ["records \(profile.records) bytes \(profile.bytes)"]
        for (field, seen) in profile.expired.sorted(by: { $0.key < $1.key }) { lines.append("expired \(field) \(seen.count) \(seen.firstRow)") }
        if let undated = profile.undated { lines.append("undated \(undated.count) \(undated.firstRow)") }
        for column in profile.columns {
            lines.append("\(column.name): values \(column.values) nonEmpty \(column.nonEmpty) fits \(column.contextFits) pseudonyms \(column.pseudonymShaped)")
            for (detector, count) in column.whole.sorted(by: { $0.key < $1.key }) { lines.append("  whole \(detector) \(count)") }
            for (detector, count) in column.embedded.sorted(by: { $0.key < $1.key }) { lines.append("  embedded \(detector) \(count)") }
            for (detector, first) in column.first.sorted(by: { $0.key < $1.key }) { lines.append("  first \(detector) \(first.row) \(first.excerpt)") }
            if let first = column.contextFirst { lines.append("  contextFirst \(first.row) \(first.excerpt)") }
            for (category, count) in column.specialValues.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { lines.append("  special \(category) \(count)") }
        }
        return lines
    }

    @Test func workersGiveExactlyTheSingleThreadProfile() throws {
        let bytes = Self.table(rows: 1500, seed: 7)
        let single = try profile(bytes, workers: 1)
        #expect(single.records == 1500)
        // The table exercises what a merge must get right: several detectors, embedded matches,
        // context fits, special values, expired and undated records, first rows past row 1.
        #expect(single.columns[1].whole[.email] ?? 0 > 0)
        #expect(single.columns[6].embedded.count >= 2)
        #expect(single.columns[4].contextFits > 0 && single.columns[3].contextFits > 0)
        #expect(single.columns[5].specialValues[.religion] ?? 0 > 0)
        #expect(!single.expired.isEmpty && single.undated != nil)
        #expect(single.undated!.firstRow > 40 && single.expired.values.allSatisfy { $0.firstRow > 40 })
        #expect(single.columns[3].contextFirst!.row > 40 && single.columns[4].contextFirst!.row > 40)
        let expected = Self.summary(single)
        // Small batches, so that every worker gets many and they finish out of order.
        for (workers, batchRows) in [(2, 7), (3, 64), (2, 5000)] {
            let parallel = try profile(bytes, workers: workers, batchRows: batchRows)
            #expect(Self.summary(parallel) == expected, "\(workers) workers, \(batchRows) rows per batch")
        }
    }

    @Test func aReadErrorStopsTheWorkersAndIsReported() throws {
        var bytes = Self.table(rows: 500, seed: 3)
        bytes += Array("too,few,fields\n".utf8)
        #expect(throws: TabularError.self) { try profile(bytes, workers: 2, batchRows: 16) }
    }

    @Test func foldingBytesMatchesFoldingStrings() {
        let samples = ["catholic", "Catholic", "CATHOLIC", "camelCaseWord", "covid-19", "COVID_19", "  gay  ", "Hetero-Sexual",
                       "a__b", "_x_", "9lives", "x9", "Muslim.", "IBAN DE89", "aB", "AB", "abC", "a\r\nb", "", "---"]
        for sample in samples {
            let key = Array(sample.utf8).withUnsafeBytes { ValueWord.key($0, limit: 31) }
            let expected = Array(ColumnContext.normalise(sample).utf8).withUnsafeBytes { SmallKey($0) }
            #expect(key == expected, "\(sample)")
        }
        var state: UInt64 = 11
        let alphabet = Array("aZ9 _-.\tQ".utf8)
        for _ in 0..<2000 {
            var value: [UInt8] = []
            for _ in 0..<Int(state % 12) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                value.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let text = String(decoding: value, as: UTF8.self)
            #expect(value.withUnsafeBytes { SpecialCategory.of(value: $0) } == SpecialCategory.of(value: text), "\(text)")
            let key = value.withUnsafeBytes { ValueWord.key($0, limit: 31) }
            #expect(key == Array(ColumnContext.normalise(text).utf8).withUnsafeBytes { SmallKey($0) }, "\(text)")
        }
        for word in ["catholic", "Muslim", "Évangélique", "hétérosexuel", "COVID-19", "Diabetes", "none", "42 catholic"] {
            let text = Array(word.utf8)
            #expect(text.withUnsafeBytes { SpecialCategory.of(value: $0) } == SpecialCategory.of(value: word), "\(word)")
        }
    }

    @Test func byteShapeChecksMatchTheStringOnes() {
        let today = CalendarDate(year: 2026, month: 12, day: 5)
        let samples = ["Ana", "María José", "van Dijk", "Van Dijk", "de la Cruz", "O'Neil", "Jean-Luc", "jean", "A", "AB", "Dr. Who",
                       "x9", "Ana  Garcia", " Ana", "Ana ", "A B C D E", "A B C D E F", "-", "Ana-", "J.R.R. Tolkien", "ANA", "a\r\nb",
                       "1984-03-07", "07.03.1984", "31.02.1990", "12 Main St", "12", "", "52.52", "-13.4050", "10115", "SW1A 1AA",
                       String(repeating: "Abc ", count: 30)]
        var state: UInt64 = 5
        let alphabet = Array("aZ .-'\t9".utf8)
        var generated: [String] = []
        for _ in 0..<3000 {
            var value: [UInt8] = []
            for _ in 0..<Int(state % 14) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                value.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            generated.append(String(decoding: value, as: UTF8.self))
        }
        for context in ColumnContext.allCases {
            guard let shape = ContextShape(context) else { continue }
            for sample in samples + generated {
                let expected = ValueShape.accepts(sample, context: context, today: today) == true
                #expect(Array(sample.utf8).withUnsafeBytes { shape.accepts($0, today: today) } == expected, "\(context) \(sample)")
            }
        }
    }
}
