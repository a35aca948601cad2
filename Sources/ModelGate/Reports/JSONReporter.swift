import Document

/// The JSON report, schema version 1 of DESIGN.md: the machine-readable record of a run, and the
/// format `--baseline` reads back.
public struct JSONReporter: Reporter {
    public init() {}

    public func layout(_ report: RunReport) -> String {
        JSONText.escapingInvisibles(JSONWriter.write(document(report), pretty: true)) + "\n"
    }

    func document(_ report: RunReport) -> Node {
        var members: [Node.Member] = [
            member("schemaVersion", .int(RunReport.schemaVersion)),
            member("tool", .object([member("name", .string("modelgate")), member("version", .string(report.toolVersion))])),
            member("verdict", .string(report.verdict.rawValue)),
            member("startedAt", .string(report.startedAt)),
            member("durationSeconds", .double(rounded(report.durationSeconds))),
            member("candidate", .object([
                member("name", .string(report.candidate.name)),
                member("version", .string(report.candidate.version)),
                member("artifacts", .array(report.candidate.artifacts.map { artifact in
                    Node(.object([member("path", .string(artifact.path)), member("sha256", .string(artifact.sha256)),
                                  member("bytes", .int(artifact.bytes))]))
                })),
            ])),
            member("config", .object([member("path", .string(report.configPath)), member("sha256", .string(report.configSHA256))])),
        ]
        if let interruption = report.interruption { members.append(member("interrupted", .string(interruption))) }
        if let shard = report.shard {
            members.append(member("shard", .object([member("index", .int(shard.index)), member("count", .int(shard.count))])))
        }
        if let shards = report.mergedShards { members.append(member("mergedShards", .int(shards))) }
        members.append(member("gates", .array(report.gates.map(gate))))
        return Node(.object(members))
    }

    private func gate(_ gate: GateResult) -> Node {
        var members: [Node.Member] = [
            member("id", .string(gate.id)),
            member("type", .string(gate.type)),
            member("status", .string(gate.status.rawValue)),
            member("blocking", .bool(gate.blocking)),
            member("durationSeconds", .double(rounded(gate.durationSeconds))),
            member("summary", .string(gate.summary)),
        ]
        if !gate.metrics.isEmpty {
            members.append(member("metrics", .object(gate.metrics.map { member($0.name, .double($0.value)) })))
        }
        if !gate.evidence.entries.isEmpty {
            members.append(member("evidence", .object(gate.evidence.entries.map { member($0.name, .int($0.value)) })))
        }
        if !gate.checks.isEmpty { members.append(member("checks", .array(gate.checks.map(check)))) }
        if !gate.findings.isEmpty { members.append(member("findings", .array(gate.findings.map(finding)))) }
        if let error = gate.error { members.append(member("error", .string(error))) }
        if let log = gate.log { members.append(member("log", .string(log))) }
        if let state = gate.state { members.append(Node.Member(key: "state", value: state.document)) }
        return Node(.object(members))
    }

    private func check(_ check: Check) -> Node {
        var members: [Node.Member] = [
            member("metric", .string(check.metric)),
            member("op", .string(check.op.rawValue)),
            member("threshold", .double(check.threshold)),
            member("actual", .double(check.actual)),
        ]
        if check.condition != "\(check.op.rawValue) \(HumanNumber.format(check.threshold))" {
            members.append(member("condition", .string(check.condition)))
        }
        if let interval = check.interval {
            members.append(member("interval", .array([Node(.double(interval.lowerBound)), Node(.double(interval.upperBound))])))
        }
        members.append(member("status", .string(check.status.rawValue)))
        if let waiver = check.waiver {
            members.append(member("waiver", .object([member("reason", .string(waiver.reason)),
                                                     member("approvedBy", .string(waiver.approvedBy)),
                                                     member("expires", .string(waiver.expires))])))
        }
        if let note = check.note { members.append(member("note", .string(note))) }
        return Node(.object(members))
    }

    private func finding(_ finding: Finding) -> Node {
        var location: [Node.Member] = []
        let place = finding.location
        if let path = place.path { location.append(member("path", .string(path))) }
        if let line = place.line { location.append(member("line", .int(line))) }
        if let column = place.column { location.append(member("column", .int(column))) }
        if let row = place.row { location.append(member("row", .int(row))) }
        if let field = place.field { location.append(member("field", .string(field))) }
        if let offset = place.offset { location.append(member("offset", .int(offset))) }
        var members: [Node.Member] = [
            member("rule", .string(finding.rule)),
            member("severity", .string(finding.severity.rawValue)),
            member("location", .object(location)),
        ]
        if let excerpt = finding.excerpt { members.append(member("excerpt", .string(excerpt))) }
        members.append(member("message", .string(finding.message)))
        return Node(.object(members))
    }

    private func member(_ key: String, _ value: Node.Value) -> Node.Member {
        Node.Member(key: key, value: Node(value))
    }

    /// Durations to the millisecond: finer digits are noise that makes reports differ run to run.
    private func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }
}
