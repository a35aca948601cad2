import Document
import Foundation
import ModelGate
import PersonalData
import Predictors

/// `type: gdpr` — personal data where it must not be, held against the team's declaration of the
/// personal data it keeps, why, on which basis and for how long.
public struct GDPRGate: Gate {
    public static let descriptor = GateDescriptor(
        type: "gdpr",
        summary: "Finds personal data in the data a model is tested, trained or logged with, and checks it against the team's data declaration.",
        rationale: """
        Data protection law asks a team to know which personal data it holds, why, on which lawful \
        basis and for how long, and to hold special categories only under an Art. 9 condition. This \
        gate profiles every column of the data (and every line of its logs) with validated \
        detectors — checksums, issuer ranges and calendars, so a number that merely looks like an \
        identifier is not one — and with column names and value shapes in English, German, French \
        and Spanish, then holds the profile against the declaration. Reports name columns, counts \
        and masked excerpts, never a value.
        """,
        options: GDPROption.all,
        metrics: GDPRMetrics.specs,
        defaultTimeout: .seconds(1800),
        examples: GDPRExamples.all,
        notes: [
            """
            **What counts.** A column is of a kind when at least `min_share` of its non-empty values \
            are: a detector's validated identifier (e-mail, phone, payment card, IBAN, IP and MAC \
            addresses, national identifiers with their check digits, coordinates), or, for kinds only \
            context reveals (dates of birth, names, addresses, postal codes), a value of the right \
            shape in a column whose name announces it. Fewer matches still make the column hold \
            personal data (an e-mail address inside a comment column). The gate fails on every \
            finding of severity high or critical.
            """,
            """
            **Never a value.** Findings carry the file, the column or JSON path, the first row or line \
            and a masked excerpt (`j***@e***.com`, `**** **** **** 1111`). No report, log or error \
            prints a detected value.
            """,
        ],
        rules: GDPRRules.all)

    let options: GDPROptions

    public init(options: GateOptions) throws(ConfigError) {
        self.options = try GDPROptions(options)
    }

    public var predictorRequest: SourceLocation? { options.predictorRequest }

    public func run(_ context: GateContext) async throws -> GateOutcome {
        let today = options.asOf ?? Self.todayUTC()
        let asOf = DayNumber.days(year: today.year, month: today.month, day: today.day)
        let scanner = PersonalDataScanner()
        let judgement = GDPRJudgement(declaration: options.declaration, minShare: options.minShare)
        if options.dateColumn == nil, options.declaration.fields.values.contains(where: { $0.retentionDays != nil }) {
            context.log.write("retention is not checked: set 'date_column' to the column holding each record's date")
        }
        var profiles: [FileProfile] = []
        var findings: [Finding] = []
        for written in options.data {
            let path = context.resolve(written)
            let profile = try DataFiles.profile(path: path, name: written, scanner: scanner, today: today, asOf: asOf, options: options)
            profiles.append(profile)
            findings += judgement.findings(profile)
        }
        if options.usePredictor {
            findings += try await AnswerScan(options: options, scanner: scanner).findings(context)
        }
        if let inventory = options.inventory {
            try DataInventory(profiles: profiles, judgement: judgement).write(to: context.resolve(inventory), scanned: options.data.map(context.resolve))
        }
        let failing = findings.contains { $0.severity >= .high }
        let verdicts = profiles.flatMap { $0.columns.map(judgement.verdict) }
        let personal = verdicts.filter(\.personal).count
        return GateOutcome(
            metrics: GDPRMetrics.metrics(findings: findings, personalFields: personal,
                                         specialFields: verdicts.filter { $0.special != nil }.count,
                                         expiredRecords: profiles.reduce(0) { $0 + $1.expired.values.reduce(0) { $0 + $1.count } }),
            evidence: Evidence([("files_scanned", profiles.count), ("records", profiles.reduce(0) { $0 + $1.records }),
                                ("bytes_scanned", profiles.reduce(0) { $0 + $1.bytes })]),
            findings: findings,
            status: failing ? .fail : .pass,
            summary: "\(personal) personal fields in \(profiles.count) files, \(findings.count) findings")
    }

    static func todayUTC() -> PersonalData.CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return PersonalData.CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}

/// Which profiler reads a file, by its name.
enum DataFiles {
    static func profile(path: String, name: String, scanner: PersonalDataScanner, today: PersonalData.CalendarDate, asOf: Int,
                        options: GDPROptions) throws -> FileProfile {
        let lowered = name.lowercased()
        let table = TableProfiler(scanner: scanner, today: today, asOf: asOf, declaration: options.declaration,
                                  dateColumn: options.dateColumn, maxColumns: options.maxColumns)
        if lowered.hasSuffix(".csv") { return try table.profile(path: path, name: name, delimiter: UInt8(ascii: ",")) }
        if lowered.hasSuffix(".tsv") { return try table.profile(path: path, name: name, delimiter: 0x09) }
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
            return try JSONLinesProfiler(scanner: scanner, today: today, asOf: asOf, declaration: options.declaration,
                                         dateColumn: options.dateColumn, maxColumns: options.maxColumns).profile(path: path, name: name)
        }
        return try TextProfiler(scanner: scanner).profile(path: path, name: name)
    }
}

/// The counts the GDPR gate reports.
enum GDPRMetrics {
    static let specs: [MetricSpec] = [
        MetricSpec("findings", "Findings of every severity", range: .nonNegative),
        MetricSpec("personal_fields", "Columns and JSON paths holding personal data", range: .nonNegative),
        MetricSpec("undeclared_fields", "Personal columns the declaration does not list", range: .nonNegative),
        MetricSpec("special_category_fields", "Columns holding special-category data (Art. 9)", range: .nonNegative),
        MetricSpec("expired_records", "Record-and-field pairs past the field's retention", range: .nonNegative),
    ]

    static func metrics(findings: [Finding], personalFields: Int, specialFields: Int, expiredRecords: Int) -> [Metric] {
        [Metric("findings", Double(findings.count)), Metric("personal_fields", Double(personalFields)),
         Metric("undeclared_fields", Double(findings.filter { $0.rule == GDPRRules.Kind.undeclared.rawValue }.count)),
         Metric("special_category_fields", Double(specialFields)), Metric("expired_records", Double(expiredRecords))]
    }
}
