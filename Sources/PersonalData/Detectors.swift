/// The built-in detectors, in priority order: when two match the same text equally long, the
/// earlier one names it. Identifiers with a checksum come before shapes without one, and a bare
/// eleven-digit number valid as several identifiers goes to the strictest check (PESEL's date and
/// check digit, then the Steuer-IdNr's repetition rule, then the CPF's two digits).
public enum Detectors {
    public static let all: [any Detector] = [
        EmailDetector(),
        IBANDetector(),
        PaymentCardDetector(),
        ItalianCodiceFiscaleDetector(),
        FrenchNIRDetector(),
        UKNationalInsuranceNumberDetector(),
        SpanishDNIDetector(),
        PolishPESELDetector(),
        GermanTaxIDDetector(),
        BrazilianCPFDetector(),
        SwedishPersonnummerDetector(),
        DutchBSNDetector(),
        USSocialSecurityNumberDetector(),
        MACAddressDetector(),
        IPv6Detector(),
        IPv4Detector(),
        GeoCoordinateDetector(),
        PhoneNumberDetector(),
    ]
}
