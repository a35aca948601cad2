import Document
import Foundation
import ModelGate
import PersonalData
import Testing
@testable import GDPRGate

/// Text and JSON Lines files profiled on several threads give exactly what one thread reading
/// line by line gives: line numbers, first sightings and their excerpts, per-path profiles in
/// the order paths first appear, retention, and the first failure — wherever the chunks are cut
/// (inside a `\r\n`, inside a line longer than a chunk, before a last line without `\n`).
@Suite struct ParallelLinesTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 5)

    /// Chunk sizes that cut lines everywhere, and the workers to spread them over.
    static let layouts: [(workers: Int, chunk: Int)] = [(2, 1), (2, 7), (3, 13), (2, 64), (3, 333), (2, 4096)]

    static func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("modelgate-lines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func lines(workers: Int, chunk: Int, maximum: Int = LineFile.defaultMaximumLineBytes) -> LineFile {
        LineFile(workers: workers, chunkBytes: chunk, maximumLineBytes: maximum)
    }

    // MARK: Text

    /// A seeded log: personal values on some lines, CRLF on some, a BOM, a line longer than most
    /// chunks, and no `\n` after the last line.
    static func log(seed: UInt64) -> [UInt8] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let values = ["ana.garcia@example.com", "+44 20 7946 0958", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00",
                      "203.0.113.9", "536-22-1234", "AB 12 34 56 C", "12345678Z", "(212) 555-0123", "48.8566, 2.3522"]
        var text = "\u{FEFF}start 2026-12-05T10:00:00Z\n"
        for line in 1...400 {
            text += "2026-12-05T10:\(10 + line % 50):00Z INFO req=\(line)"
            if next(5) == 0 { text += " user " + values[next(values.count)] }
            if line == 200 { text += " " + String(repeating: "padding 12 ", count: 60) + values[0] }
            text += next(4) == 0 ? "\r\n" : "\n"
        }
        return Array((text + "last line mails j.smith@example.org\r").utf8)
    }

    /// The text profile by the simplest reading: split at `\n`, drop a `\r`, scan each line.
    static func textReference(_ bytes: [UInt8], name: String) -> FileProfile {
        var profile = FileProfile(name: name, format: .text)
        profile.bytes = bytes.count
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        let scanner = PersonalDataScanner()
        for (index, var line) in lines.enumerated() {
            if line.last == 0x0D { line.removeLast() }
            profile.records += 1
            for match in scanner.matches(in: line) {
                if let seen = profile.textMatches[match.detector] {
                    profile.textMatches[match.detector] = (seen.count + 1, seen.line, seen.excerpt)
                } else {
                    profile.textMatches[match.detector] = (1, index + 1, PersonalDataMask.excerpt(Array(line[match.range]), detector: match.detector))
                }
            }
        }
        return profile
    }

    static func textSummary(_ profile: FileProfile) -> [String] {
        ["records \(profile.records) bytes \(profile.bytes)"] + profile.textMatches.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    }

    @Test func textOnSeveralThreadsIsLineByLineReading() throws {
        let bytes = Self.log(seed: 3)
        let path = try Self.write(bytes, "app.log")
        let expected = Self.textSummary(Self.textReference(bytes, name: "app.log"))
        #expect(expected.count > 8, "the log holds many kinds of personal data")
        let serial = try TextProfiler(scanner: PersonalDataScanner(), lines: Self.lines(workers: 1, chunk: 1 << 20)).profile(path: path, name: "app.log")
        #expect(Self.textSummary(serial) == expected)
        for layout in Self.layouts {
            let profile = try TextProfiler(scanner: PersonalDataScanner(), lines: Self.lines(workers: layout.workers, chunk: layout.chunk))
                .profile(path: path, name: "app.log")
            #expect(Self.textSummary(profile) == expected, "\(layout)")
        }
    }

    @Test func aTooLongLineIsReportedAtItsNumberWhateverTheThreads() throws {
        var text = (1...50).map { "line \($0)\n" }.joined()
        text += String(repeating: "x", count: 100) + "\n" + "after\n" + String(repeating: "y", count: 300) + "\n"
        let path = try Self.write(Array(text.utf8), "long.log")
        for layout in [(workers: 1, chunk: 1 << 20)] + Self.layouts {
            let profiler = TextProfiler(scanner: PersonalDataScanner(), lines: Self.lines(workers: layout.workers, chunk: layout.chunk, maximum: 60))
            #expect("\(layout)", performing: { try profiler.profile(path: path, name: "long.log") },
                    throws: { ($0 as? GateFailure)?.message == "long.log line 51 is longer than 60 bytes" })
        }
    }

    // MARK: JSON Lines

    func jsonProfiler(_ lines: LineFile, maxColumns: Int = 100) -> JSONLinesProfiler {
        var declaration = DataDeclaration()
        declaration.fields["user.email"] = DataDeclaration.Field(name: "user.email", retentionDays: 365, pseudonymised: false, location: .none)
        declaration.fields["notes[].text"] = DataDeclaration.Field(name: "notes[].text", retentionDays: 30, pseudonymised: false, location: .none)
        return JSONLinesProfiler(scanner: PersonalDataScanner(), today: Self.today, asOf: DayNumber.days(year: 2026, month: 12, day: 5),
                                 declaration: declaration, dateColumn: "at", maxColumns: maxColumns, lines: lines)
    }

    /// Seeded JSON Lines: nested objects and arrays, escapes, paths that first appear late (so
    /// their order depends on which line came first), blank lines, a BOM, CRLF, a long line,
    /// dates for retention, and no `\n` after the last line. Numbers are integers, written as
    /// JSON writes them, so the reference can read them from a tree.
    static func jsonLines(seed: UInt64, lines count: Int = 300) -> [UInt8] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let emails = ["ana.garcia@example.com", "j.smith\\u0040example.org", "", "not an email"]
        let phones = ["+44 20 7946 0958", "(212) 555-0123", "12"]
        var text = "\u{FEFF}"
        for line in 1...count {
            var fields = ["\"id\": \(line)", "\"user\": {\"email\": \"\(emails[next(emails.count)])\", \"name\": \"Ana \\\"A\\\" García\"}"]
            if next(3) > 0 { fields.append("\"at\": \"202\(next(7))-0\(1 + next(9))-1\(next(9))\"") }
            if line > 40, next(6) == 0 { fields.append("\"late\(next(4))\": {\"phone\": \"\(phones[next(phones.count)])\"}") }
            if next(4) == 0 { fields.append("\"notes\": [{\"text\": \"call +44 20 7946 0958\"}, {\"text\": \"ok\"}, 4111111111111111]") }
            if line == 150 { fields.append("\"blob\": \"\(String(repeating: "abc 123 ", count: 80))\"") }
            text += "{" + fields.joined(separator: ", ") + "}"
            text += next(5) == 0 ? "\r\n" : "\n"
            if next(20) == 0 { text += "  \n" }
        }
        return Array((text + "{\"id\": 0, \"user\": {\"email\": \"m.muller@example.de\"}}").utf8)
    }

    /// The JSON Lines profile read the way it was before threads and the walker: a tree per line.
    func jsonReference(_ bytes: [UInt8], name: String) throws -> FileProfile {
        let profiler = jsonProfiler(Self.lines(workers: 1, chunk: 1 << 20))
        var profile = FileProfile(name: name, format: .jsonLines)
        profile.bytes = bytes.count
        var index: [String: Int] = [:]
        var matches: [PersonalDataMatch] = []
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (offset, var line) in lines.enumerated() {
            let number = offset + 1
            if line.last == 0x0D { line.removeLast() }
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            let document = try JSONReader.read(line)
            profile.records += 1
            var leaves: [(path: String, value: [UInt8])] = []
            Self.collect(document, path: "", into: &leaves)
            var recordDate: Int??
            for leaf in leaves {
                if leaf.path == profiler.dateColumn { recordDate = .some(leaf.value.withUnsafeBytes { DayNumber.parse($0) }) }
                let column = index[leaf.path] ?? profile.columns.count
                if column == profile.columns.count {
                    index[leaf.path] = column
                    profile.columns.append(ColumnProfile(name: leaf.path))
                }
                leaf.value.withUnsafeBytes {
                    profile.columns[column].add($0, row: number, scanner: profiler.scanner, today: Self.today, matches: &matches)
                }
            }
            let held = Set(leaves.filter { !$0.value.isEmpty }.map(\.path)).compactMap { path in
                profiler.declaration.fields[path]?.retentionDays.map { RetentionRule(field: path, oldestAllowed: profiler.asOf - $0) }
            }
            guard !held.isEmpty else { continue }
            guard case .some(.some(let day)) = recordDate else {
                profile.undated = ((profile.undated?.count ?? 0) + 1, profile.undated?.firstRow ?? number)
                continue
            }
            for rule in held where day < rule.oldestAllowed {
                profile.expired[rule.field] = ((profile.expired[rule.field]?.count ?? 0) + 1, profile.expired[rule.field]?.firstRow ?? number)
            }
        }
        return profile
    }

    static func collect(_ node: Node, path: String, into leaves: inout [(path: String, value: [UInt8])]) {
        switch node.value {
        case .object(let members):
            for member in members { collect(member.value, path: path.isEmpty ? member.key : path + "." + member.key, into: &leaves) }
        case .array(let elements):
            for element in elements { collect(element, path: path + "[]", into: &leaves) }
        case .string(let text): leaves.append((path, Array(text.utf8)))
        case .int(let value): leaves.append((path, Array(String(value).utf8)))
        case .double, .bool, .null: break
        }
    }

    @Test func jsonLinesOnSeveralThreadsIsTheTreeReading() throws {
        let bytes = Self.jsonLines(seed: 9)
        let path = try Self.write(bytes, "e.jsonl")
        let expected = ParallelProfileTests.summary(try jsonReference(bytes, name: "e.jsonl"))
        // What the merge must get right is there: late paths, retention both ways, embedded matches.
        #expect(expected.contains { $0.hasPrefix("late") } && expected.contains { $0.hasPrefix("expired") })
        #expect(expected.contains { $0.hasPrefix("undated") } && expected.contains { $0.contains("embedded phone") })
        let serial = try jsonProfiler(Self.lines(workers: 1, chunk: 1 << 20)).profile(path: path, name: "e.jsonl")
        #expect(ParallelProfileTests.summary(serial) == expected)
        for layout in Self.layouts {
            let profile = try jsonProfiler(Self.lines(workers: layout.workers, chunk: layout.chunk)).profile(path: path, name: "e.jsonl")
            #expect(ParallelProfileTests.summary(profile) == expected, "\(layout)")
        }
    }

    /// The message one reader gives, from every layout.
    func failure(_ bytes: [UInt8], maxColumns: Int = 100, layouts: [(workers: Int, chunk: Int)] = layouts) throws -> String {
        let path = try Self.write(bytes, "e.jsonl")
        var messages: Set<String> = []
        for layout in [(workers: 1, chunk: 1 << 20)] + layouts {
            do {
                _ = try jsonProfiler(Self.lines(workers: layout.workers, chunk: layout.chunk), maxColumns: maxColumns).profile(path: path, name: "e.jsonl")
                messages.insert("no failure")
            } catch let error as GateFailure {
                messages.insert(error.message)
            }
        }
        #expect(messages.count == 1, "\(messages)")
        return messages.first ?? ""
    }

    @Test func aMalformedLineIsReportedWithLineAndColumnAsOneReaderWould() throws {
        var bytes = Self.jsonLines(seed: 4, lines: 120)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let before = lines.prefix(70).reduce(0) { $0 + $1.count + 1 }
        bytes.insert(contentsOf: Array("{\"a\": 1, \"b\": tru}\n".utf8), at: before)
        bytes += Array("\n{\"a\": [1,]}\n".utf8)
        #expect(try failure(bytes) == "e.jsonl:71:15: not JSON: expected a JSON value, found 'tru'")
        #expect(try failure(Array("{\"a\": 1}\n{\"a\": 1, \"a\": 2}\n".utf8)) ==
            "e.jsonl:2:10: not JSON: duplicate key 'a' (first defined at 1:2)")
        #expect(try failure(Array("{\"a\": 1}\n{\"K\": 1, \"\u{212A}\": 2}\n".utf8)).hasPrefix("e.jsonl:2:10: not JSON: duplicate key"))
    }

    @Test func tooManyPathsAndMalformedLinesAreReportedInLineOrder() throws {
        // Paths p0... arrive one per line; the fifth path (line 5) passes max_columns 4.
        let paths = (0..<12).map { "{\"p\($0)\": \"x\"}\n" }
        let overflow = "e.jsonl has more than max_columns (4) JSON paths"
        #expect(try failure(Array(paths.joined().utf8), maxColumns: 4) == overflow)
        // A malformed line after the fifth path does not hide it; one before it does.
        #expect(try failure(Array((paths.prefix(8) + ["{\n"] + paths.suffix(4)).joined().utf8), maxColumns: 4) == overflow)
        #expect(try failure(Array((paths.prefix(3) + ["{\n"] + paths.suffix(9)).joined().utf8), maxColumns: 4)
            == "e.jsonl:4:1: not JSON: this '{' is never closed (expected '}')")
        // A line is read whole before its paths count: a malformed line with a fifth path is malformed.
        #expect(try failure(Array("{\"a\": 1, \"b\": 2}\n{\"c\": 3, \"d\": 4, \"e\": x}\n".utf8), maxColumns: 4)
            == "e.jsonl:2:23: not JSON: expected a JSON value, found 'x'")
    }

    @Test func theWalkerReadsWhatTheReaderReadsAndRefusesWhatItRefuses() {
        let documents = ["{\"a\": {\"b\": [1, \"x\", {\"c\": -2.5e3}]}, \"\": {\"\": \"e\"}}", "[]", "\"top\"", "12", "  {} ",
                         "{\"k\\u00e9y\": \"caf\\u00e9 \\ud83d\\ude00 \\n\"}", "\u{FEFF}{\"a\": null, \"b\": true, \"c\": false}",
                         "{\"a\": 01}", "{\"a\": 1,}", "[1 2]", "{\"a\" 1}", "\"\\ud800\"", "\"\\udc00\"", "\"tab\t\"", "1e999",
                         "-", "{\"a\": 1, \"\\u0061\": 2}", "[tru]", "\"\u{00e9}\"", "{\"a\":1}x", "", "nul", "1.", "-01", "[[[]]]"]
        for document in documents {
            var walker = JSONLeafWalker()
            var outcome = Array(document.utf8).withUnsafeBytes { walker.walk($0) }
            let tree = try? JSONReader.read(document)
            // As the gate does: what the walker leaves to the reader, it reads once the reader accepts.
            if outcome == .unchecked, tree != nil { outcome = Array(document.utf8).withUnsafeBytes { walker.walk($0, checkDuplicates: false) } }
            #expect((outcome == .leaves) == (tree != nil), "\(document)")
            guard let tree else { continue }
            var expected: [(path: String, value: [UInt8])] = []
            Self.collect(tree, path: "", into: &expected)
            var leaves: [String] = []
            walker.forEachLeaf { _, path, value in leaves.append(String(decoding: path, as: UTF8.self) + "=" + String(decoding: value, as: UTF8.self)) }
            // Numbers are kept as written, so compare those by value.
            let wanted = expected.map { $0.path + "=" + String(decoding: $0.value, as: UTF8.self) }
            #expect(leaves.count == wanted.count + (document.contains("2.5e3") ? 1 : 0), "\(document): \(leaves)")
            #expect(Set(wanted).isSubset(of: Set(leaves)), "\(document): \(leaves) \(wanted)")
        }
        // Keys the reader holds equal as strings though their bytes differ: the walker leaves them to it.
        for document in ["{\"\u{00E9}\": 1, \"e\u{0301}\": 2}", "{\"K\": 1, \"\u{212A}\": 2}", "{\"\u{00E9}\": 1, \"b\": 2}"] {
            var walker = JSONLeafWalker()
            #expect(Array(document.utf8).withUnsafeBytes { walker.walk($0) } == .unchecked, "\(document)")
        }
        #expect(throws: DocumentError.self) { try JSONReader.read("{\"\u{00E9}\": 1, \"e\u{0301}\": 2}") }
        var deep = JSONLeafWalker()
        #expect(Array((String(repeating: "[", count: 256) + String(repeating: "]", count: 256)).utf8).withUnsafeBytes { deep.walk($0) } == .leaves)
        #expect(Array((String(repeating: "[", count: 257) + String(repeating: "]", count: 257)).utf8).withUnsafeBytes { deep.walk($0) } == .invalid)
        let wide = "{" + (0..<100).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}"
        #expect(Array(wide.utf8).withUnsafeBytes { deep.walk($0) } == .unchecked)
        #expect(Array(wide.utf8).withUnsafeBytes { deep.walk($0, checkDuplicates: false) } == .leaves && deep.leafCount == 100)
    }
}
