import Testing
@testable import Tabular

/// Random tables written as RFC 4180 CSV must read back field for field, whatever the chunk
/// size: this reaches the word-at-a-time scan at every alignment of every special byte.
@Suite struct CSVRoundTripTests {
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static let alphabet = Array("ab,;\t\"\r\n 0.9é".unicodeScalars)

    private func randomField(_ random: inout SplitMix) -> String {
        let length = Int.random(in: 0 ... 24, using: &random)
        var field = ""
        for _ in 0 ..< length { field.unicodeScalars.append(Self.alphabet.randomElement(using: &random)!) }
        return field
    }

    /// A field as a careful writer puts it: quoted when it holds a special character.
    private func encode(_ field: String, delimiter: Character, quoteAnyway: Bool) -> String {
        let special = field.contains(delimiter) || field.contains("\"") || field.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }
        guard special || quoteAnyway else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    @Test func randomTablesReadBackExactly() throws {
        var random = SplitMix(state: 7)
        for round in 0 ..< 300 {
            let delimiter: Character = [",", ";", "\t"].randomElement(using: &random)!
            let columns = Int.random(in: 1 ... 5, using: &random)
            let header = (0 ..< columns).map { "c\($0)" }
            let rows = (0 ..< Int.random(in: 0 ... 12, using: &random)).map { _ in
                (0 ..< columns).map { _ in randomField(&random) }
            }
            var text = header.joined(separator: String(delimiter)) + "\n"
            for (index, row) in rows.enumerated() {
                // A lone empty unquoted field would be a blank line, which is skipped.
                let line = row.map { encode($0, delimiter: delimiter, quoteAnyway: columns == 1 && $0.isEmpty || Bool.random(using: &random) && Bool.random(using: &random)) }
                text += line.joined(separator: String(delimiter))
                if index < rows.count - 1 || Bool.random(using: &random) { text += Bool.random(using: &random) ? "\r\n" : "\n" }
            }
            let expected: [[String?]] = rows.map { $0.map { $0.isEmpty ? nil : $0 } }
            let chunk = [1, 2, 3, 5, 8, 9, 13, 4096].randomElement(using: &random)!
            let actual = try csvValues(text, columns: header, delimiter: UInt8(ascii: delimiter.unicodeScalars.first!),
                                       chunkSize: chunk)
            #expect(actual == expected, "round \(round), chunk \(chunk): \(text.debugDescription)")
        }
    }
}
