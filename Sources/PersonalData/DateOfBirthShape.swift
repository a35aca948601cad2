/// Whether a value can be a date of birth: a real calendar date from 1900 up to `today`, written
/// `YYYY-MM-DD`, `YYYY/MM/DD`, `DD.MM.YYYY`, `DD/MM/YYYY` or `MM/DD/YYYY` (either reading will do),
/// optionally followed by a midnight time as exports write it (`1984-03-07 00:00:00`, `…T00:00:00Z`).
/// A date is personal data only in context: the gate asks this of columns whose name says "birth".
public enum DateOfBirthShape {
    public static let earliestYear = 1900

    public static func accepts(_ value: UnsafeRawBufferPointer, today: CalendarDate) -> Bool {
        guard let date = parse(value) else { return false }
        return date.year >= earliestYear && date <= today
    }

    public static func accepts(_ value: String, today: CalendarDate) -> Bool {
        Array(value.utf8).withUnsafeBytes { accepts($0, today: today) }
    }

    /// The date the value spells, if it spells one; ambiguous day/month orders take the first that exists.
    public static func parse(_ value: UnsafeRawBufferPointer) -> CalendarDate? {
        var end = value.count
        for suffix in [" 00:00:00", "T00:00:00Z", "T00:00:00", " 00:00"] where end >= 10 + suffix.utf8.count {
            let tail = UnsafeRawBufferPointer(rebasing: value[(end - suffix.utf8.count)..<end])
            if tail.elementsEqual(suffix.utf8) { end -= suffix.utf8.count; break }
        }
        guard end == 10 else { return nil }
        let text = UnsafeRawBufferPointer(rebasing: value[0..<10])
        let s4 = text[4], s2 = text[2], s5 = text[5]
        if (s4 == UInt8(ascii: "-") || s4 == UInt8(ascii: "/")), text[7] == s4,
           let year = text.number(at: 0, length: 4), let month = text.number(at: 5, length: 2), let day = text.number(at: 8, length: 2) {
            return CalendarDate.isValid(year: year, month: month, day: day) ? CalendarDate(year: year, month: month, day: day) : nil
        }
        guard s2 == s5, s2 == UInt8(ascii: ".") || s2 == UInt8(ascii: "/") || s2 == UInt8(ascii: "-"),
              let first = text.number(at: 0, length: 2), let second = text.number(at: 3, length: 2),
              let year = text.number(at: 6, length: 4) else { return nil }
        if CalendarDate.isValid(year: year, month: second, day: first) { return CalendarDate(year: year, month: second, day: first) }
        if s2 == UInt8(ascii: "/"), CalendarDate.isValid(year: year, month: first, day: second) {
            return CalendarDate(year: year, month: first, day: second)
        }
        return nil
    }
}
