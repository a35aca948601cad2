import ModelGate

/// The GDPR gate's worked examples: documentation and tests at once.
enum GDPRExamples {
    static let all: [GateExample] = [undeclaredEmail, declaredAndPseudonymised, specialCategory, expiredRecords, logWithPersonalData, unknownLawfulBasis]

    static let customers = """
        customer_id,email,signup_date,segment
        3f9c2a7e0b1d4c58a6e2f0b9d7c3a1e5f2b8d4c6a0e9f1b3d5c7a9e2f4b6d8c0,ana.garcia@example.com,2026-03-01,retail
        8b1e4d7c2a9f0e3b6d5c8a1f4e7b0d3c6a9f2e5b8d1c4a7f0e3b6d9c2a5f8e1b,j.smith@example.org,2026-06-15,business
        d2a5f8e1b4c7a0d3f6e9b2c5a8d1f4e7b0c3a6d9f2e5b8c1a4d7f0e3b6c9a2d5,m.muller@example.de,2025-01-20,retail

        """

    static let declaration = """
        version: 1
        fields:
          customer_id:
            purpose: join predictions to accounts
            lawful_basis: contract
            retention_days: 730
            pseudonymised: true
          email:
            purpose: account contact
            lawful_basis: contract
            retention_days: 730

        """

    static let undeclaredEmail = GateExample(
        "E-mail addresses the declaration does not list fail the gate",
        yaml: """
        id: privacy
        type: gdpr
        data: [customers.csv]
        """,
        files: ["customers.csv": .text(customers)],
        expect: .fail, metrics: ["undeclared_fields": 1, "personal_fields": 1])

    static let declaredAndPseudonymised = GateExample(
        "Declared fields with purpose, basis and retention, and salted-hash ids, pass",
        yaml: """
        id: privacy
        type: gdpr
        data: [customers.csv]
        declaration: declaration.yml
        date_column: signup_date
        as_of: 2026-12-05
        inventory: inventory.json
        """,
        files: ["customers.csv": .text(customers), "declaration.yml": .text(declaration)],
        expect: .pass, metrics: ["findings": 0, "personal_fields": 1])

    static let specialCategory = GateExample(
        "A diagnosis column without an Art. 9 condition is critical",
        yaml: """
        id: privacy
        type: gdpr
        data: [patients.csv]
        """,
        files: ["patients.csv": "patient_ref,diagnosis,outcome\nP-1,diabetes,1\nP-2,asthma,0\nP-3,hypertension,1\n"],
        expect: .fail, metrics: ["special_category_fields": 1])

    static let expiredRecords = GateExample(
        "Records older than their field's retention fail",
        yaml: """
        id: privacy
        type: gdpr
        data: [customers.csv]
        declaration: declaration.yml
        date_column: signup_date
        as_of: 2027-04-01
        """,
        files: ["customers.csv": .text(customers), "declaration.yml": .text(declaration.replacingOccurrences(of: "730", with: "365"))],
        expect: .fail, metrics: ["expired_records": 4])

    static let logWithPersonalData = GateExample(
        "A serving log with client addresses and e-mails fails",
        yaml: """
        id: privacy
        type: gdpr
        data: [serving.log]
        """,
        files: ["serving.log": "2026-12-01T10:00:00Z predict ok\n2026-12-01T10:00:01Z predict from 192.168.14.7 for ana.garcia@example.com\n"],
        expect: .fail, metrics: ["findings": 1])

    static let unknownLawfulBasis = GateExample(
        "A declaration with a lawful basis that Art. 6 does not have is refused",
        yaml: """
        id: privacy
        type: gdpr
        data: [customers.csv]
        declaration: declaration.yml
        """,
        files: ["customers.csv": .text(customers), "declaration.yml": "version: 1\nfields:\n  email:\n    lawful_basis: business_needs\n"],
        rejectedSaying: "'lawful_basis' must be one of the bases of Art. 6(1)")
}
