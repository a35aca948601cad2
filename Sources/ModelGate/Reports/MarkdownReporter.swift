/// A Markdown summary for pull-request comments and `$GITHUB_STEP_SUMMARY`, cut to fit: GitHub
/// rejects comments over 65,536 characters, so long reports keep their head and say what was cut.
public struct MarkdownReporter: Reporter {
    public static let defaultLimit = 60_000
    public var limit: Int

    public init(limit: Int = MarkdownReporter.defaultLimit) {
        self.limit = limit
    }

    public func layout(_ report: RunReport) -> String {
        var head = "## \(icon(report.verdict)) modelgate: **\(report.verdict.rawValue)** — \(cell(report.candidate.name)) \(cell(report.candidate.version))\n\n"
        head += verdictLine(report) + "\n\n"
        var lines: [String] = ["| Gate | Type | Status | Summary |", "|---|---|---|---|"]
        for gate in report.gates {
            let status = gate.blocking ? gate.status.rawValue : "\(gate.status.rawValue) (non-blocking)"
            lines.append("| \(cell(gate.id)) | \(cell(gate.type)) | \(icon(gate.status)) \(status) | \(cell(gate.summary)) |")
        }
        let checks = report.gates.flatMap { gate in gate.checks.map { (gate.id, $0) } }
        if !checks.isEmpty {
            lines += ["", "### Checks", "", "| Gate | Metric | Actual | Condition | Interval | Status |", "|---|---|---|---|---|---|"]
            for (gate, check) in checks {
                var status = check.status.rawValue
                if let waiver = check.waiver { status += " by \(waiver.approvedBy) until \(waiver.expires): \(waiver.reason)" }
                if let note = check.note { status += " — \(note)" }
                lines.append("| \(cell(gate)) | \(cell(check.metric)) | \(HumanNumber.format(check.actual)) | \(cell(check.condition)) | "
                             + "\(check.interval.map(HumanNumber.interval) ?? "") | \(cell(status)) |")
            }
        }
        let findings = report.gates.flatMap { gate in gate.findings.map { (gate.id, $0) } }
        if !findings.isEmpty {
            lines += ["", "### Findings", "", "| Gate | Severity | Rule | Location | Excerpt | Message |", "|---|---|---|---|---|---|"]
            for (gate, finding) in findings {
                lines.append("| \(cell(gate)) | \(finding.severity.rawValue) | \(cell(finding.rule)) | \(cell(place(finding.location))) | "
                             + "\(finding.excerpt.map(cell) ?? "") | \(cell(finding.message)) |")
            }
        }
        let foot = "\n<sub>modelgate \(cell(report.toolVersion)) · config \(cell(report.configPath)) sha256 \(cell(String(report.configSHA256.prefix(12))))</sub>\n"
        return fit(head: head, lines: lines, foot: foot)
    }

    /// Keeps whole lines while they fit, then notes how many were left out.
    private func fit(head: String, lines: [String], foot: String) -> String {
        var out = head
        var used = head.utf8.count + foot.utf8.count + 200
        for (index, line) in lines.enumerated() {
            if used + line.utf8.count + 1 > limit {
                out += "\n> **Cut:** \(lines.count - index) more lines left out to fit the size limit; the JSON report has everything.\n"
                return out + foot
            }
            out += line + "\n"
            used += line.utf8.count + 1
        }
        return out + foot
    }

    private func verdictLine(_ report: RunReport) -> String {
        let gates = report.gates.filter { $0.status != .skipped }.count
        switch report.verdict {
        case .pass: return "Deploy allowed: \(gates) gate\(gates == 1 ? "" : "s") ran, every blocking gate passed."
        case .fail: return "Deploy **blocked**: a blocking gate failed."
        case .error: return "Deploy **blocked**: a blocking gate could not run" + (report.interruption.map { " (interrupted: \(cell($0)))" } ?? "") + "."
        case .inconclusive: return "Deploy **blocked**: inconclusive, more evidence is needed."
        case .partial: return "Shard \(report.shard?.description ?? "?") measured its share; only `modelgate merge` of every shard's JSON report decides."
        }
    }

    private func place(_ location: Finding.Location) -> String {
        var parts: [String] = []
        if let path = location.path { parts.append(path) }
        if let line = location.line { parts.append("line \(line)" + (location.column.map { ":\($0)" } ?? "")) }
        if let row = location.row { parts.append("row \(row)") }
        if let field = location.field { parts.append("field \(field)") }
        if let offset = location.offset { parts.append("offset \(offset)") }
        return parts.joined(separator: ", ")
    }

    private func icon(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: return "✅"
        case .fail: return "❌"
        case .error: return "💥"
        case .inconclusive: return "❔"
        case .partial: return "🧩"
        }
    }

    private func icon(_ status: GateStatus) -> String {
        switch status {
        case .pass: return "✅"
        case .fail: return "❌"
        case .warn: return "⚠️"
        case .error: return "💥"
        case .inconclusive: return "❔"
        case .skipped: return "⏭️"
        case .partial: return "🧩"
        }
    }

    /// Data in a cell or a line: shown as the text it is (`MarkdownText.inline`), never as markup.
    private func cell(_ text: String) -> String { MarkdownText.inline(text) }
}
