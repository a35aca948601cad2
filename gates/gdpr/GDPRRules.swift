import ModelGate

/// What the GDPR gate reports, each with why it matters and how to fix it.
enum GDPRRules {
    enum Kind: String, CaseIterable {
        case undeclared = "gdpr.undeclared-personal-data"
        case noLawfulBasis = "gdpr.no-lawful-basis"
        case noRetention = "gdpr.no-retention"
        case specialCategory = "gdpr.special-category-without-condition"
        case retentionExceeded = "gdpr.retention-exceeded"
        case undatedRecords = "gdpr.undated-records"
        case rawIdentifier = "gdpr.raw-identifier"
        case inText = "gdpr.personal-data-in-text"
        case inAnswers = "gdpr.personal-data-in-answers"
    }

    static let catalogue: [Kind: FindingRule] = [
        .undeclared: FindingRule(id: Kind.undeclared.rawValue, summary: "Personal data the declaration does not list",
                                 help: "A column holds personal data (validated identifiers, or names, addresses and dates of birth by column and shape) that the data declaration does not list. Declare it with its purpose, lawful basis and retention, or remove or pseudonymise it.",
                                 severity: .high),
        .noLawfulBasis: FindingRule(id: Kind.noLawfulBasis.rawValue, summary: "A declared personal field without purpose or lawful basis",
                                    help: "Art. 5(1)(b) and Art. 6(1): personal data is processed for a stated purpose on one of six lawful bases. Add both to the field's declaration.",
                                    severity: .high),
        .noRetention: FindingRule(id: Kind.noRetention.rawValue, summary: "A declared personal field without a retention period",
                                  help: "Art. 5(1)(e): personal data is kept no longer than necessary. Declare retention_days for the field.",
                                  severity: .medium),
        .specialCategory: FindingRule(id: Kind.specialCategory.rawValue, summary: "Special-category data without an Art. 9 condition",
                                      help: "Health, religion, ethnicity, political opinion, trade-union membership, sex life or orientation, biometric and genetic data may be processed only under a condition of Art. 9(2). Declare the field's special_category and art9_condition, or remove the data.",
                                      severity: .critical),
        .retentionExceeded: FindingRule(id: Kind.retentionExceeded.rawValue, summary: "Records older than their field's retention",
                                        help: "Records hold a personal field past the retention the declaration gives it. Delete or anonymise them before the data is used.",
                                        severity: .high),
        .undatedRecords: FindingRule(id: Kind.undatedRecords.rawValue, summary: "Records whose age cannot be told",
                                     help: "A record holds a field with a retention but its date column is empty or not a date, so nobody can tell whether it is past its retention. Fix the dates.",
                                     severity: .high),
        .rawIdentifier: FindingRule(id: Kind.rawIdentifier.rawValue, summary: "Raw identifiers in a field declared pseudonymised",
                                    help: "The declaration says the field is pseudonymised, but values are raw identifiers (or not shaped like a salted hash or UUID). Pseudonymise before the data is used, or correct the declaration.",
                                    severity: .high),
        .inText: FindingRule(id: Kind.inText.rawValue, summary: "Personal data in a text file or log",
                             help: "A log or text file holds validated personal data. Mask it where it is written, or declare the file.",
                             severity: .high),
        .inAnswers: FindingRule(id: Kind.inAnswers.rawValue, summary: "Personal data in the model's answers",
                                help: "The model returned personal data for the rows it was sent: it memorised or passes through data it should not return. Retrain without it, or filter answers.",
                                severity: .critical),
    ]

    static var all: [FindingRule] { Kind.allCases.map { catalogue[$0]! } }

    static func finding(_ kind: Kind, path: String?, row: Int? = nil, line: Int? = nil, field: String? = nil,
                        excerpt: String? = nil, message: String) -> Finding {
        let rule = catalogue[kind]!
        return Finding(rule: rule.id, severity: rule.severity,
                       location: Finding.Location(path: path, line: line, row: row, field: field), excerpt: excerpt, message: message)
    }
}
