import Document

/// One gate's entry of a report: its result, metrics, evidence, checks, findings and state.
extension JSONReportReader {
    func gate(_ fields: ReportFields, inShard: Bool) throws(ConfigError) -> GateResult {
        let id = try fields.string("id")
        guard !id.isEmpty else { throw fields.error("\(fields.name("id")) is empty", at: fields.node["id"]) }
        let status = try fields.choice("status", of: GateStatus.self)
        try checkStatus(status, fields, inShard: inShard)
        var result = GateResult(
            id: id, type: try fields.string("type"), status: status, blocking: try fields.bool("blocking"),
            durationSeconds: try fields.number("durationSeconds", in: .nonNegative), summary: try fields.string("summary"),
            metrics: try metrics(fields), evidence: try evidence(fields),
            checks: try fields.optionalArray("checks").enumerated().map { (index, node) throws(ConfigError) in
                try check(try ReportFields(node, at: fields.name("checks[\(index)]"), path: fields.path))
            },
            findings: try fields.optionalArray("findings").enumerated().map { (index, node) throws(ConfigError) in
                try finding(try ReportFields(node, at: fields.name("findings[\(index)]"), path: fields.path))
            },
            error: try fields.optionalString("error"), log: try fields.optionalString("log"))
        if let state = fields.optional("state") {
            guard state.objectValue != nil else {
                throw fields.error("the 'state' of gate '\(id)' must be an object, got \(state.kindDescription)", at: state)
            }
            // A shard report's measured gates are partial and carry their state; a whole run's gate may
            // keep its own (a latency gate's histograms, for later comparison) once it was decided.
            guard inShard ? status == .partial : [.pass, .fail, .warn, .inconclusive].contains(status) else {
                throw fields.error("gate '\(id)' has a 'state' but status \(status.rawValue); "
                                   + (inShard ? "only a partial gate of a shard report has one" : "only a decided gate keeps one"),
                                   at: state)
            }
            result.state = GateState(state)
        } else if status == .partial {
            throw fields.error("gate '\(id)' is partial but has no 'state': there is nothing to merge", at: fields.node)
        }
        return result
    }

    /// The statuses a gate can end with in a shard run differ from those of a whole run: a shard
    /// measures (`partial`) or cannot (`error`, `warn` when not blocking), or skips; it never decides.
    private func checkStatus(_ status: GateStatus, _ fields: ReportFields, inShard: Bool) throws(ConfigError) {
        let possible: Set<GateStatus> = inShard ? [.partial, .error, .warn, .skipped] : Set(GateStatus.allCases).subtracting([.partial])
        guard !possible.contains(status) else { return }
        let kind = inShard ? "a shard report" : "a report that is not a shard's"
        throw fields.error("\(fields.name("status")) is \(status.rawValue), which no gate of \(kind) has", at: fields.node["status"])
    }

    /// Every value finite and inside its metric's range. Two entries for one name cannot get here:
    /// the JSON reader refuses duplicate keys.
    private func metrics(_ fields: ReportFields) throws(ConfigError) -> [(name: String, value: Double)] {
        try fields.optionalMembers("metrics").map { member throws(ConfigError) in
            let range = ranges.range(of: member.key)
            let value = try ReportFields.number(member.value, named: fields.name("metrics.\(member.key)"), in: range,
                                                meaning: "\(member.key) is", fields: fields)
            return (member.key, value)
        }
    }

    /// What a gate measured, and on how much: counts, never negative.
    private func evidence(_ fields: ReportFields) throws(ConfigError) -> Evidence {
        guard let object = try fields.optionalObject("evidence") else { return Evidence() }
        var evidence = Evidence()
        for member in object.node.objectValue ?? [] {
            evidence.entries.append((member.key, try object.integer(member.key, atLeast: 0)))
        }
        return evidence
    }

    private func check(_ fields: ReportFields) throws(ConfigError) -> Check {
        let metric = try fields.string("metric")
        let op = try fields.choice("op", of: Condition.Operator.self)
        let threshold = try fields.number("threshold")
        let actual = try fields.number("actual", in: ranges.range(of: metric), meaning: "\(metric) is")
        var interval: ClosedRange<Double>?
        if let node = fields.optional("interval") {
            guard let bounds = node.arrayValue, bounds.count == 2 else {
                throw fields.error("\(fields.name("interval")) must be [low, high]", at: node)
            }
            let low = try ReportFields.number(bounds[0], named: fields.name("interval[0]"), in: .finite, meaning: nil, fields: fields)
            let high = try ReportFields.number(bounds[1], named: fields.name("interval[1]"), in: .finite, meaning: nil, fields: fields)
            guard low <= high else { throw fields.error("\(fields.name("interval")) has its low end above its high end", at: node) }
            interval = low...high
        }
        var waiver: AppliedWaiver?
        if let fields = try fields.optionalObject("waiver") {
            waiver = AppliedWaiver(reason: try fields.string("reason"), approvedBy: try fields.string("approvedBy"),
                                   expires: try fields.string("expires"))
        }
        return Check(metric: metric, op: op,
                     // The writer leaves out a condition that says no more than op and threshold.
                     condition: try fields.optionalString("condition") ?? "\(op.rawValue) \(HumanNumber.format(threshold))",
                     threshold: threshold, actual: actual, interval: interval,
                     status: try fields.choice("status", of: CheckStatus.self), waiver: waiver,
                     note: try fields.optionalString("note"))
    }

    private func finding(_ fields: ReportFields) throws(ConfigError) -> Finding {
        let place = try fields.object("location")
        let location = Finding.Location(
            path: try place.optionalString("path"), line: try place.optionalInteger("line", atLeast: 0),
            column: try place.optionalInteger("column", atLeast: 0), row: try place.optionalInteger("row", atLeast: 0),
            field: try place.optionalString("field"), offset: try place.optionalInteger("offset", atLeast: 0))
        return Finding(rule: try fields.string("rule"), severity: try fields.choice("severity", of: Finding.Severity.self),
                       location: location, excerpt: try fields.optionalString("excerpt"), message: try fields.string("message"))
    }
}
