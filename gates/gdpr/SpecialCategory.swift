import PersonalData

/// The special categories of personal data of GDPR Art. 9(1), recognised by column names and, for
/// a few, by the values a column holds, in English, German, French and Spanish.
enum SpecialCategory: String, CaseIterable, Sendable {
    case health
    case religion
    case ethnicity
    case politicalOpinion = "political_opinion"
    case tradeUnion = "trade_union"
    case sexLife = "sex_life"
    case biometric
    case genetic

    /// Normalised column-name words per category (lower case, ASCII, `_` between words).
    static let names: [SpecialCategory: [String]] = [
        .health: ["health", "diagnosis", "diagnoses", "medical", "medical_condition", "disease", "illness", "medication", "prescription",
                  "icd10", "icd_10", "disability", "gesundheit", "diagnose", "krankheit", "medikament", "behinderung", "sante",
                  "diagnostic", "maladie", "medicament", "handicap", "salud", "diagnostico", "enfermedad", "medicamento", "discapacidad"],
        .religion: ["religion", "religious", "faith", "belief", "denomination", "konfession", "religionszugehorigkeit", "glaube",
                    "confession", "croyance", "creencia", "confesion"],
        .ethnicity: ["ethnicity", "ethnic_origin", "ethnic_group", "race", "racial_origin", "ethnie", "ethnische_herkunft",
                     "origine_ethnique", "etnia", "origen_etnico", "raza"],
        .politicalOpinion: ["political_opinion", "political_party", "party_affiliation", "politics", "politische_meinung",
                            "parteizugehorigkeit", "opinion_politique", "parti_politique", "opinion_politica", "partido_politico"],
        .tradeUnion: ["trade_union", "union_member", "union_membership", "gewerkschaft", "gewerkschaftszugehorigkeit",
                      "syndicat", "appartenance_syndicale", "sindicato", "afiliacion_sindical"],
        .sexLife: ["sexual_orientation", "sexuality", "sex_life", "sexuelle_orientierung", "orientation_sexuelle",
                   "vie_sexuelle", "orientacion_sexual", "vida_sexual"],
        .biometric: ["biometric", "biometrics", "fingerprint", "face_embedding", "faceprint", "face_template", "iris", "voiceprint",
                     "biometrisch", "fingerabdruck", "biometrique", "empreinte_digitale", "biometrico", "huella_dactilar"],
        .genetic: ["genetic", "genome", "genotype", "dna", "snp", "genetisch", "genom", "genetique", "adn", "genetico", "genoma"],
    ]

    /// Values that, when most of a column holds them, reveal the category whatever its name.
    static let values: [SpecialCategory: Set<String>] = [
        .religion: ["christian", "catholic", "protestant", "orthodox", "muslim", "islam", "jewish", "judaism", "hindu", "buddhist",
                    "sikh", "atheist", "agnostic", "christlich", "katholisch", "evangelisch", "muslimisch", "judisch", "chretien",
                    "catholique", "musulman", "juif", "juive", "athee", "cristiano", "catolico", "musulman", "judio", "ateo"],
        .sexLife: ["heterosexual", "homosexual", "gay", "lesbian", "bisexual", "asexual", "pansexual", "queer", "heterosexuell",
                   "homosexuell", "bisexuell", "heterosexuel", "homosexuel", "bisexuel", "heterosexual", "homosexual", "bisexual"],
        .health: ["diabetes", "hiv", "cancer", "depression", "asthma", "hypertension", "epilepsy", "schizophrenia", "covid_19",
                  "krebs", "depressionen", "diabete", "depresion", "hipertension"],
    ]

    /// The category a column's name announces, or nil.
    static func of(columnName: String) -> SpecialCategory? {
        let name = ColumnContext.normalise(columnName)
        guard !name.isEmpty else { return nil }
        for category in allCases {
            for term in names[category] ?? [] where name == term || name.hasSuffix("_" + term) || name.hasPrefix(term + "_") {
                return category
            }
        }
        return nil
    }

    /// The category a value names, or nil (compared without case, accents folded by `normalise`).
    static func of(value: String) -> SpecialCategory? {
        let word = ColumnContext.normalise(value)
        for (category, words) in values where words.contains(word) { return category }
        return nil
    }

    /// `of(value:)` on bytes: ASCII values are folded and looked up without building a `String`;
    /// values that begin (after separators) with a digit are rejected at once, as no listed
    /// word does; other values go through `of(value: String)`.
    static func of(value: UnsafeRawBufferPointer) -> SpecialCategory? {
        for byte in value {
            if byte >= 0x30 && byte <= 0x39 { return nil }
            if byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) { break }
        }
        if let key = ValueWord.key(value, limit: longestValueWord) { return valueWords[key] }
        if value.allSatisfy({ $0 < 0x80 }) { return nil }  // ASCII, longer than any listed word
        return of(value: String(decoding: value, as: UTF8.self))
    }

    /// Every listed value word, by its bytes (no word is listed under two categories).
    private static let valueWords: [SmallKey: SpecialCategory] = {
        var words: [SmallKey: SpecialCategory] = [:]
        for (category, list) in values {
            for word in list { Array(word.utf8).withUnsafeBytes { words[SmallKey($0)] = category } }
        }
        return words
    }()

    private static let longestValueWord = values.values.flatMap { $0 }.map(\.utf8.count).max() ?? 0
}

/// The conditions of Art. 9(2) under which special-category data may be processed.
enum Article9Condition: String, CaseIterable, Sendable {
    case explicitConsent = "explicit_consent"            // (a)
    case employment                                      // (b)
    case vitalInterests = "vital_interests"              // (c)
    case nonProfit = "non_profit"                        // (d)
    case madePublic = "made_public"                      // (e)
    case legalClaims = "legal_claims"                    // (f)
    case substantialPublicInterest = "substantial_public_interest" // (g)
    case healthCare = "health_care"                      // (h)
    case publicHealth = "public_health"                  // (i)
    case research                                        // (j)
}

/// The lawful bases of Art. 6(1).
enum LawfulBasis: String, CaseIterable, Sendable {
    case consent, contract
    case legalObligation = "legal_obligation"
    case vitalInterests = "vital_interests"
    case publicTask = "public_task"
    case legitimateInterests = "legitimate_interests"
}
