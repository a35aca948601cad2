/// What a column's name says it holds, in English, German, French and Spanish, for the kinds of
/// personal data that only context reveals (dates of birth, names, addresses) and for the ones a
/// detector also checks (so a column called `email` with 60 % emails is still an email column).
public enum ColumnContext: String, CaseIterable, Sendable {
    case dateOfBirth = "date_of_birth"
    case givenName = "given_name"
    case surname
    case fullName = "full_name"
    case street
    case city
    case postalCode = "postal_code"
    case latitude
    case longitude
    case email
    case phone
    case nationalIdentifier = "national_identifier"
    case bankAccount = "bank_account"
    case ipAddress = "ip_address"

    /// Normalised column names (lower case, ASCII, words joined by `_`) per kind. Names marked
    /// `exactOnly` are ordinary words (`name`, `nom`, `city`) that count only as the whole name
    /// or after a person qualifier (`customer_name`), never inside another name (`product_name`).
    static let vocabulary: [ColumnContext: [String]] = [
        .dateOfBirth: ["dob", "date_of_birth", "birth_date", "birthdate", "birthday", "born", "geburtsdatum", "geburtstag", "geb_datum",
                       "date_de_naissance", "date_naissance", "naissance", "fecha_de_nacimiento", "fecha_nacimiento", "nacimiento"],
        .givenName: ["first_name", "firstname", "given_name", "forename", "vorname", "prenom", "nombre_de_pila"],
        .surname: ["surname", "last_name", "lastname", "family_name", "nachname", "familienname", "nom_de_famille", "apellido",
                   "apellidos", "primer_apellido", "segundo_apellido"],
        .fullName: ["full_name", "fullname", "person_name", "vollstandiger_name", "nom_complet", "nombre_completo"],
        .street: ["street", "street_address", "address", "address_line", "address_line_1", "address_line_2", "addr", "strasse",
                  "anschrift", "adresse", "rue", "calle", "direccion", "domicilio", "house_number", "hausnummer"],
        .city: ["city", "town", "stadt", "ort", "wohnort", "ville", "ciudad", "localidad", "municipio"],
        .postalCode: ["postcode", "post_code", "postal_code", "zip", "zip_code", "zipcode", "plz", "postleitzahl", "code_postal",
                      "codigo_postal", "cp"],
        .latitude: ["lat", "latitude", "breitengrad", "breite", "latitud"],
        .longitude: ["lon", "lng", "long", "longitude", "langengrad", "lange", "longitud"],
        .email: ["email", "e_mail", "mail", "email_address", "mail_address", "courriel", "adresse_email", "correo",
                 "correo_electronico", "e_mail_adresse"],
        .phone: ["phone", "phone_number", "telephone", "tel", "mobile", "cell", "telefon", "telefonnummer", "handy",
                 "handynummer", "telephone_portable", "portable", "numero_de_telephone", "telefono", "movil", "celular"],
        .nationalIdentifier: ["ssn", "social_security_number", "nino", "national_insurance_number", "national_id", "passport",
                              "passport_number", "steuer_id", "steuernummer", "steuerliche_identifikationsnummer",
                              "personalausweis", "ausweisnummer", "dni", "nie", "nif", "nir", "numero_de_securite_sociale",
                              "codice_fiscale", "bsn", "pesel", "personnummer", "cpf", "tax_id"],
        .bankAccount: ["iban", "bank_account", "account_number", "kontonummer", "bankverbindung", "numero_de_compte", "cuenta",
                       "card_number", "credit_card", "kreditkarte", "kreditkartennummer", "carte_bancaire", "tarjeta"],
        .ipAddress: ["ip", "ip_address", "ipaddress", "client_ip", "remote_addr", "source_ip", "src_ip", "ipv4", "ipv6",
                     "mac", "mac_address", "ip_adresse", "adresse_ip", "direccion_ip"],
    ]

    /// Ordinary words that name a person's data only when they are the whole column name or
    /// follow a qualifier that makes them about a person.
    static let exactOnly: [ColumnContext: [String]] = [
        .fullName: ["name", "nombre"],
        .surname: ["nom"],
    ]

    static let personQualifiers: Set<String> = ["customer", "client", "user", "patient", "employee", "contact", "person",
                                                "member", "kunde", "kunden", "mitarbeiter", "benutzer", "patient", "usuario",
                                                "cliente", "empleado", "paciente", "utilisateur", "salarie", "owner", "holder",
                                                "account_holder", "cardholder", "recipient", "sender", "applicant", "student"]

    /// The kind of personal data a column's name announces, or nil.
    public static func classify(columnName: String) -> ColumnContext? {
        let name = normalise(columnName)
        guard !name.isEmpty else { return nil }
        for kind in ColumnContext.allCases {
            for term in vocabulary[kind] ?? [] {
                if name == term || name.hasSuffix("_" + term) || name.hasPrefix(term + "_") { return kind }
            }
        }
        for kind in ColumnContext.allCases {
            for term in exactOnly[kind] ?? [] {
                if name == term { return kind }
                if name.hasSuffix("_" + term), personQualifiers.contains(String(name.dropLast(term.count + 1))) { return kind }
            }
        }
        return nil
    }

    /// Lower case, accents folded to ASCII, camelCase and any run of other characters to `_`.
    public static func normalise(_ name: String) -> String {
        var out = ""
        var previousWasLower = false
        for scalar in name.unicodeScalars {
            let folded = fold(scalar)
            for character in folded {
                if character.isLetter || character.isNumber {
                    if character.isUppercase, previousWasLower, !out.hasSuffix("_") { out.append("_") }
                    out += character.lowercased()
                    previousWasLower = character.isLowercase || character.isNumber
                } else {
                    if !out.isEmpty, !out.hasSuffix("_") { out.append("_") }
                    previousWasLower = false
                }
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        return out
    }

    private static func fold(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "ß": return "ss"
        case "ä", "à", "á", "â", "ã", "å": return "a"
        case "Ä", "À", "Á", "Â", "Ã", "Å": return "A"
        case "ö", "ò", "ó", "ô", "õ": return "o"
        case "Ö", "Ò", "Ó", "Ô", "Õ": return "O"
        case "ü", "ù", "ú", "û": return "u"
        case "Ü", "Ù", "Ú", "Û": return "U"
        case "é", "è", "ê", "ë": return "e"
        case "É", "È", "Ê", "Ë": return "E"
        case "í", "ì", "î", "ï": return "i"
        case "Í", "Ì", "Î", "Ï": return "I"
        case "ç": return "c"
        case "Ç": return "C"
        case "ñ": return "n"
        case "Ñ": return "N"
        default: return String(scalar)
        }
    }
}
