/// The value checks for data that only context makes personal, chosen by what the column name says.
public enum ValueShape {
    /// Whether `value` fits what a column of `context` would hold (for kinds with a detector, the
    /// detector's own check through the scanner decides instead, and this returns nil).
    public static func accepts(_ value: String, context: ColumnContext, today: CalendarDate) -> Bool? {
        switch context {
        case .dateOfBirth: return DateOfBirthShape.accepts(value, today: today)
        case .givenName, .surname, .fullName: return PersonNameShape.accepts(value)
        case .postalCode: return PostalCodeShape.accepts(value)
        case .latitude: return Array(value.utf8).withUnsafeBytes { GeoCoordinateDetector.latitude($0) } != nil
        case .longitude: return Array(value.utf8).withUnsafeBytes { GeoCoordinateDetector.longitude($0) } != nil
        case .street, .city: return !value.isEmpty && value.contains(where: \.isLetter)
        case .email, .phone, .nationalIdentifier, .bankAccount, .ipAddress: return nil
        }
    }
}
