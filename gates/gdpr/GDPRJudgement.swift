import ModelGate
import PersonalData

/// Holds what the files hold against what the declaration says: one finding per column and
/// problem, never one per cell, so a million e-mail addresses are one line of the report.
struct GDPRJudgement {
    var declaration: DataDeclaration
    var minShare: Double

    /// One column's verdict: whether it holds personal data, what kind, and the findings.
    struct ColumnVerdict {
        var personal: Bool
        var kind: String?
        var share: Double?
        var special: SpecialCategory?
    }

    func verdict(_ column: ColumnProfile) -> ColumnVerdict {
        let special = column.specialCategory(minShare: minShare)
        if let dominant = column.dominantDetector, dominant.share >= minShare {
            return ColumnVerdict(personal: true, kind: dominant.detector.rawValue, share: dominant.share, special: special)
        }
        if let context = column.context, column.contextHolds(minShare: minShare) {
            let share = column.nonEmpty == 0 ? nil : Double(max(column.contextFits, column.detectorMatches)) / Double(column.nonEmpty)
            return ColumnVerdict(personal: true, kind: context.rawValue, share: share, special: special)
        }
        if column.detectorMatches > 0 {
            let detector = (column.whole.merging(column.embedded, uniquingKeysWith: +)).max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            return ColumnVerdict(personal: true, kind: detector.rawValue, share: nil, special: special)
        }
        return ColumnVerdict(personal: special != nil, kind: special?.rawValue, share: nil, special: special)
    }

    func findings(_ file: FileProfile) -> [Finding] {
        var findings: [Finding] = []
        for column in file.columns {
            let verdict = verdict(column)
            guard verdict.personal else { continue }
            let declared = declaration.fields[column.name]
            let first = firstSeen(column)
            let what = describe(column, verdict)
            if let declared {
                if declared.purpose == nil || declared.lawfulBasis == nil {
                    let missing = [declared.purpose == nil ? "purpose" : nil, declared.lawfulBasis == nil ? "lawful_basis" : nil].compactMap { $0 }
                    findings.append(GDPRRules.finding(.noLawfulBasis, path: declaration.path, line: declared.location.line, field: column.name,
                                                      message: "field '\(column.name)' (\(what) in \(file.name)) is declared without \(missing.joined(separator: " and "))"))
                }
                if declared.retentionDays == nil {
                    findings.append(GDPRRules.finding(.noRetention, path: declaration.path, line: declared.location.line, field: column.name,
                                                      message: "field '\(column.name)' is declared without retention_days"))
                }
                if declared.pseudonymised, let problem = pseudonymProblem(column) {
                    findings.append(GDPRRules.finding(.rawIdentifier, path: file.name, row: first?.row, field: column.name,
                                                      excerpt: first?.excerpt, message: "column '\(column.name)' is declared pseudonymised, but \(problem)"))
                }
            } else if verdict.special == nil || verdict.kind != verdict.special?.rawValue {
                findings.append(GDPRRules.finding(.undeclared, path: file.name, row: first?.row, field: column.name, excerpt: first?.excerpt,
                                                  message: "column '\(column.name)': \(what), not in the data declaration"))
            }
            if let special = verdict.special, declared?.article9Condition == nil {
                findings.append(GDPRRules.finding(.specialCategory, path: file.name, row: first?.row, field: column.name,
                                                  message: "column '\(column.name)' holds \(special.rawValue) data (Art. 9) "
                                                      + (declared == nil ? "and is not declared" : "declared without an art9_condition")))
            }
        }
        for (field, expired) in file.expired.sorted(by: { $0.key < $1.key }) {
            let days = declaration.fields[field]?.retentionDays ?? 0
            findings.append(GDPRRules.finding(.retentionExceeded, path: file.name, row: expired.firstRow, field: field,
                                              message: "\(expired.count) records hold '\(field)' longer than its retention of \(days) days"))
        }
        if let undated = file.undated {
            findings.append(GDPRRules.finding(.undatedRecords, path: file.name, row: undated.firstRow,
                                              message: "\(undated.count) records hold a field with a retention but no readable date"))
        }
        if !file.textMatches.isEmpty, declaration.fields[file.name] == nil {
            let counts = file.textMatches.sorted { $0.key < $1.key }
            let first = counts.min { $0.value.line < $1.value.line }!
            findings.append(GDPRRules.finding(.inText, path: file.name, line: first.value.line, excerpt: first.value.excerpt,
                                              message: "\(file.name): " + counts.map { "\($0.value.count) \($0.key.rawValue)" }.joined(separator: ", ")))
        }
        return findings
    }

    /// `98 % email, 12,031 values`: what a reviewer reads instead of a million cells.
    func describe(_ column: ColumnProfile, _ verdict: ColumnVerdict) -> String {
        var text = verdict.kind ?? "personal data"
        if let share = verdict.share { text = "\(Int((share * 100).rounded())) % \(text)" }
        let count = verdict.share == nil ? max(column.detectorMatches, column.contextFits) : column.nonEmpty
        return "\(text), \(count) of \(column.values) values"
    }

    private func firstSeen(_ column: ColumnProfile) -> (row: Int, excerpt: String)? {
        let candidates = Array(column.first.values) + (column.contextFirst.map { [$0] } ?? [])
        return candidates.min { $0.row < $1.row }
    }

    /// Why a pseudonymised column is not, or nil when every value looks like a pseudonym.
    private func pseudonymProblem(_ column: ColumnProfile) -> String? {
        if column.detectorMatches > 0 { return "\(column.detectorMatches) values are raw identifiers" }
        let other = column.nonEmpty - column.pseudonymShaped
        return other > 0 ? "\(other) of \(column.nonEmpty) values are not shaped like a salted hash or a UUID" : nil
    }
}
