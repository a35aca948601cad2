/// Postal code shapes per country, for columns whose name says postcode: a shape alone proves
/// nothing (`12345` is many things), so the gate asks this only in context.
/// Sources: the Universal Postal Union's addressing S42 templates (https://www.upu.int/en/Postal-Solutions/Programmes-Services/Addressing-Solutions)
/// and Royal Mail's postcode format (PAF programmers' guide) for the UK.
public enum PostalCodeShape {
    /// A shape: `9` a digit, `A` an upper-case letter, `?` a letter or digit, anything else itself.
    public static let shapes: [String: [String]] = [
        "US": ["99999", "99999-9999"],
        "DE": ["99999"], "FR": ["99999"], "IT": ["99999"], "ES": ["99999"], "FI": ["99999"],
        "NL": ["9999 AA", "9999AA"],
        "BE": ["9999"], "AT": ["9999"], "CH": ["9999"], "DK": ["9999"],
        "PL": ["99-999"],
        "SE": ["999 99", "99999"],
        "PT": ["9999-999"],
        "BR": ["99999-999"],
        "CA": ["A9A 9A9"],
        "GB": ["A9 9AA", "A99 9AA", "AA9 9AA", "AA99 9AA", "A9A 9AA", "AA9A 9AA"],
    ]

    /// The countries whose shapes the value fits.
    public static func countries(matching value: String) -> [String] {
        let bytes = Array(value.utf8)
        return shapes.keys.sorted().filter { country in shapes[country]!.contains { fits(bytes, $0) } }
    }

    public static func accepts(_ value: String, country: String? = nil) -> Bool {
        guard let country else { return !countries(matching: value).isEmpty }
        return (shapes[country.uppercased()] ?? []).contains { fits(Array(value.utf8), $0) }
    }

    private static func fits(_ value: [UInt8], _ shape: String) -> Bool {
        let pattern = Array(shape.utf8)
        guard value.count == pattern.count else { return false }
        for (byte, expected) in zip(value, pattern) {
            switch expected {
            case UInt8(ascii: "9"): if !isDigit(byte) { return false }
            case UInt8(ascii: "A"): if !isUpper(byte) { return false }
            default: if byte != expected { return false }
            }
        }
        return true
    }
}
