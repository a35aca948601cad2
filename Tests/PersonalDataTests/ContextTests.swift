import Testing
@testable import PersonalData

/// Data that only context makes personal: column names in four languages and value shapes.
@Suite struct ContextTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 5)

    @Test func columnNamesInFourLanguagesAnnounceTheirKind() {
        let cases: [(String, ColumnContext?)] = [
            ("dob", .dateOfBirth), ("Geburtsdatum", .dateOfBirth), ("date_de_naissance", .dateOfBirth),
            ("fecha de nacimiento", .dateOfBirth), ("birthDate", .dateOfBirth),
            ("surname", .surname), ("Nachname", .surname), ("nom", .surname), ("apellido", .surname), ("customer_last_name", .surname),
            ("Vorname", .givenName), ("prénom", .givenName), ("name", .fullName), ("customer_name", .fullName), ("product_name", nil),
            ("street", .street), ("Straße", .street), ("rue", .street), ("calle", .street), ("billing_address", .street),
            ("postcode", .postalCode), ("PLZ", .postalCode), ("code_postal", .postalCode), ("código_postal", .postalCode), ("zip", .postalCode),
            ("lat", .latitude), ("lng", .longitude), ("contactEmail", .email), ("Telefonnummer", .phone), ("iban", .bankAccount),
            ("client_ip", .ipAddress), ("score", nil), ("label", nil), ("amount", nil), ("nombre", .fullName), ("city", .city),
        ]
        for (name, expected) in cases {
            #expect(ColumnContext.classify(columnName: name) == expected, "\(name)")
        }
    }

    @Test func dateOfBirthIsARealPastDateSince1900() {
        for value in ["1984-03-07", "07.03.1984", "31/12/1984", "12/31/1984", "1984-03-07 00:00:00", "2000-02-29", "2026-12-05"] {
            #expect(DateOfBirthShape.accepts(value, today: Self.today), "\(value)")
        }
        for value in ["2026-12-06", "1899-12-31", "2023-02-29", "1984-13-01", "1.2.3", "1984-03-07 14:22:10", "19840307", "31.02.1990"] {
            #expect(!DateOfBirthShape.accepts(value, today: Self.today), "\(value)")
        }
    }

    @Test func postalCodesFitTheirCountrysShape() {
        #expect(PostalCodeShape.accepts("SW1A 1AA", country: "GB"))
        #expect(PostalCodeShape.accepts("10115", country: "DE"))
        #expect(PostalCodeShape.accepts("1012 AB", country: "NL"))
        #expect(PostalCodeShape.accepts("00-950", country: "PL"))
        #expect(PostalCodeShape.accepts("94105-1234", country: "US"))
        #expect(!PostalCodeShape.accepts("1012 ab", country: "NL"))
        #expect(!PostalCodeShape.accepts("ABCDE"))
        #expect(PostalCodeShape.countries(matching: "75008").contains("FR"))
    }

    @Test func personNamesAreCapitalisedWordsWithoutDigits() {
        for value in ["Anna Schmidt", "Jean-Luc Picard", "Ludwig van Beethoven", "Zoë O'Brien", "José María García", "李小龍", "ANNA SCHMIDT"] {
            #expect(PersonNameShape.accepts(value), "\(value)")
        }
        for value in ["anna schmidt", "ORD-1234", "12 Main St", "", "a", "Anna  Schmidt", "x@y.z"] {
            #expect(!PersonNameShape.accepts(value), "\(value)")
        }
    }

    @Test func coordinatesInTwoColumnsAreCheckedOneValueAtATime() {
        #expect(ValueShape.accepts("48.8566", context: .latitude, today: Self.today) == true)
        #expect(ValueShape.accepts("91.0000", context: .latitude, today: Self.today) == false)
        #expect(ValueShape.accepts("-179.1234", context: .longitude, today: Self.today) == true)
        #expect(ValueShape.accepts("2.35", context: .longitude, today: Self.today) == false)
        #expect(ValueShape.accepts("anything", context: .email, today: Self.today) == nil)
    }
}
