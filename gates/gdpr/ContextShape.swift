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
        case .street, .city:
            if value.contains(where: { $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A }) { return true }
            if value.allSatisfy({ $0 < 0x80 }) { return false }
        default:
            break
        }
        return ValueShape.accepts(String(decoding: value, as: UTF8.self), context: context, today: today) == true
    }
}
