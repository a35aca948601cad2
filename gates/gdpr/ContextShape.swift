import PersonalData

/// `ValueShape.accepts` for one column, decided once for the column and then per value on the
/// bytes where the check allows (dates of birth; streets and cities with an ASCII letter), so
/// that a profile builds a `String` only for the checks that read text (names, postal codes,
/// coordinates). Columns whose kind a detector checks (email, phone...) get no shape check.
struct ContextShape: Sendable {
    let context: ColumnContext

    /// The shape check for a column of `context`, or nil when the detectors decide that kind.
    init?(_ context: ColumnContext?) {
        guard let context,
              ValueShape.accepts("", context: context, today: PersonalData.CalendarDate(year: 2000, month: 1, day: 1)) != nil
        else { return nil }
        self.context = context
    }

    /// Exactly `ValueShape.accepts(String(decoding: value, as: UTF8.self), ...)`.
    func accepts(_ value: UnsafeRawBufferPointer, today: PersonalData.CalendarDate) -> Bool {
        switch context {
        case .dateOfBirth:
            // Only ASCII digits and separators make a date: invalid UTF-8, which a String
            // would repair, fails either way.
            return DateOfBirthShape.accepts(value, today: today)
        case .givenName, .surname, .fullName:
            if let accepted = Self.asciiName(value) { return accepted }
        case .street, .city:
            if value.contains(where: { $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A }) { return true }
            if value.allSatisfy({ $0 < 0x80 }) { return false }
        default:
            break
        }
        return ValueShape.accepts(String(decoding: value, as: UTF8.self), context: context, today: today) == true
    }

    /// `PersonNameShape.accepts` on an ASCII value, or nil for other values. ASCII letters are
    /// all cased, so a name is one to five words of letters and dots, each part (between `-`
    /// and `'`) opening with a capital, particles aside, 2 to 80 characters in all.
    static func asciiName(_ value: UnsafeRawBufferPointer) -> Bool? {
        guard value.allSatisfy({ $0 < 0x80 }) else { return nil }
        // Only `\r\n` is two bytes but one character, and no name holds it.
        guard value.count >= 2, value.count <= 80 else { return false }
        var words = 0, capitalised = 0
        var start = 0
        while start <= value.count {
            var end = start
            while end < value.count, value[end] != 0x20 { end += 1 }
            words += 1
            guard words <= 5, end > start else { return false }
            let word = UnsafeRawBufferPointer(rebasing: value[start..<end])
            if !isParticle(word) {
                var partStart = true
                for byte in word {
                    if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'") { partStart = true; continue }
                    let upper = byte >= 0x41 && byte <= 0x5A, lower = byte >= 0x61 && byte <= 0x7A
                    if partStart {
                        guard upper else { return false }
                        capitalised += 1
                        partStart = false
                    } else if !upper, !lower, byte != UInt8(ascii: ".") {
                        return false
                    }
                }
            }
            start = end + 1
        }
        return capitalised > 0
    }

    private static func isParticle(_ word: UnsafeRawBufferPointer) -> Bool {
        guard word.count <= 5 else { return false }
        return particles.contains { $0.count == word.count && $0.elementsEqual(word) }
    }

    /// `PersonNameShape`'s particles, in bytes.
    private static let particles: [[UInt8]] = ["van", "von", "de", "der", "den", "da", "di", "del", "della", "du", "la", "le",
                                               "y", "e", "zu", "bin", "al"].map { Array($0.utf8) }
}
