/// The kinds of personal data the detectors find; the raw value is the id reports and labels use.
public enum DetectorID: String, CaseIterable, Sendable, Comparable, Codable {
    case email
    case phone
    case paymentCard = "payment_card"
    case iban
    case ipv4
    case ipv6
    case mac
    case usSSN = "us_ssn"
    case ukNINO = "uk_nino"
    case esDNI = "es_dni"
    case frNIR = "fr_nir"
    case itCodiceFiscale = "it_codice_fiscale"
    case nlBSN = "nl_bsn"
    case plPESEL = "pl_pesel"
    case sePersonnummer = "se_personnummer"
    case brCPF = "br_cpf"
    case deTaxID = "de_tax_id"
    case latLon = "lat_lon"

    public static func < (lhs: DetectorID, rhs: DetectorID) -> Bool { lhs.rawValue < rhs.rawValue }
}
