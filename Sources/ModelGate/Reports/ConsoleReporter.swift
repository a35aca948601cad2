/// The report people read in a terminal or a CI log: one aligned line per gate, its checks and
/// findings beneath, and a one-line verdict at the end. Colour only when asked (a TTY without NO_COLOR).
public struct ConsoleReporter: Reporter {
    public var color: Bool
    /// Findings listed per gate before the rest are counted instead.
    public var findingsPerGate = 20

    public init(color: Bool) {
        self.color = color
    }

    public func layout(_ report: RunReport) -> String {
        var out = "modelgate \(shown(report.toolVersion)) · \(shown(report.candidate.name)) \(shown(report.candidate.version))\n"
        for artifact in report.candidate.artifacts {
            out += "  artifact \(shown(artifact.path))  sha256:\(shown(String(artifact.sha256.prefix(16))))…  \(artifact.bytes) bytes\n"
        }
        out += "\n"
        let idWidth = min(24, report.gates.map { shown($0.id).count }.max() ?? 0)
        let typeWidth = min(16, report.gates.map { shown($0.type).count }.max() ?? 0)
        for gate in report.gates {
            let label = paint(pad(label(gate.status), 7), statusColor(gate.status))
            var line = "  \(label) \(pad(shown(gate.id), idWidth))  \(pad(shown(gate.type), typeWidth))  "
            if gate.status != .skipped { line += pad(HumanNumber.seconds(gate.durationSeconds), 7) + "  " }
            line += shown(gate.summary) + (gate.blocking ? "" : "  (non-blocking)")
            out += line + "\n"
            if let error = gate.error, error != gate.summary { out += "          error: \(shown(error))\n" }
            out += checkLines(gate.checks)
            out += findingLines(gate.findings)
        }
        if let shards = report.mergedShards { out += "\n  merged from \(shards) shard report\(shards == 1 ? "" : "s")\n" }
        out += "\n" + verdictLine(report) + "\n"
        return out
    }

    private func checkLines(_ checks: [Check]) -> String {
        guard !checks.isEmpty else { return "" }
        let nameWidth = min(32, checks.map { shown($0.metric).count }.max() ?? 0)
        let actualWidth = checks.map { HumanNumber.format($0.actual).count }.max() ?? 0
        let conditionWidth = checks.map { shown($0.condition).count }.max() ?? 0
        var out = ""
        for check in checks {
            var line = "          \(pad(shown(check.metric), nameWidth))  \(pad(HumanNumber.format(check.actual), actualWidth))  "
            line += pad(shown(check.condition), conditionWidth) + "  "
            line += paint(check.status.rawValue, checkColor(check.status))
            if check.condition.contains("baseline") { line += "  threshold \(HumanNumber.format(check.threshold))" }
            if let interval = check.interval { line += "  interval \(HumanNumber.interval(interval))" }
            if let waiver = check.waiver { line += "  by \(shown(waiver.approvedBy)) until \(shown(waiver.expires)): \(shown(waiver.reason))" }
            if let note = check.note { line += "  (\(shown(note)))" }
            out += line + "\n"
        }
        return out
    }

    private func findingLines(_ findings: [Finding]) -> String {
        var out = ""
        for finding in findings.prefix(findingsPerGate) {
            var place = shown(finding.location.path ?? "")
            if let line = finding.location.line { place += ":\(line)" + (finding.location.column.map { ":\($0)" } ?? "") }
            if let row = finding.location.row { place += " row \(row)" }
            if let field = finding.location.field { place += " field \(shown(field))" }
            out += "          \(finding.severity.rawValue.uppercased()) \(shown(finding.rule)) \(place): \(shown(finding.message))"
            out += (finding.excerpt.map { " [\(shown($0))]" } ?? "") + "\n"
        }
        if findings.count > findingsPerGate {
            out += "          … and \(findings.count - findingsPerGate) more findings (see the JSON report)\n"
        }
        return out
    }

    private func verdictLine(_ report: RunReport) -> String {
        let counted = report.gates.filter { $0.status != .skipped }.count
        let text: String
        switch report.verdict {
        case .pass: text = "PASS: deploy allowed (\(counted) gate\(counted == 1 ? "" : "s") ran)"
        case .fail: text = "FAIL: deploy blocked, a blocking gate failed"
        case .error: text = "ERROR: deploy blocked, a blocking gate could not run" + (report.interruption.map { " (interrupted: \(shown($0)))" } ?? "")
        case .inconclusive: text = "INCONCLUSIVE: deploy blocked, more evidence is needed"
        case .partial: text = "PARTIAL: shard \(report.shard?.description ?? "?") measured; only `modelgate merge` of every shard's JSON report decides"
        }
        let colour: Colour
        switch report.verdict {
        case .pass: colour = .green
        case .inconclusive, .partial: colour = .yellow
        case .fail, .error: colour = .red
        }
        return paint("verdict: " + text, colour, bold: true)
    }

    /// Data as the console shows it: on the line it belongs to, every control character visible.
    /// Only modelgate's own lines start at column 0 (the header and the verdict); data cannot
    /// start a line, so no summary or slice label can print a verdict of its own.
    private func shown(_ text: String) -> String { VisibleText.escaped(text) }

    private func label(_ status: GateStatus) -> String { status.rawValue.uppercased() }

    private enum Colour: String { case green = "32", red = "31", yellow = "33", grey = "90" }

    private func statusColor(_ status: GateStatus) -> Colour {
        switch status {
        case .pass: return .green
        case .fail, .error: return .red
        case .warn, .inconclusive: return .yellow
        case .skipped, .partial: return .grey
        }
    }

    private func checkColor(_ status: CheckStatus) -> Colour {
        switch status {
        case .pass: return .green
        case .fail: return .red
        case .inconclusive, .waived: return .yellow
        }
    }

    private func paint(_ text: String, _ colour: Colour, bold: Bool = false) -> String {
        guard color else { return text }
        return "\u{1B}[\(bold ? "1;" : "")\(colour.rawValue)m\(text)\u{1B}[0m"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        let count = text.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }
}
