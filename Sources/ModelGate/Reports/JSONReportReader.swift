import Document

/// Reads a JSON report (schema version 1, as `JSONReporter` writes it) back into a `RunReport`:
/// the one reader behind `--baseline` and `modelgate merge`. Every field is checked for its type,
/// statuses for their known values, numbers for being finite and inside the range their meaning
/// allows (`MetricRanges`), counts for not being negative, and gate ids for being unique. Anything
/// else is a `ConfigError` at the file, line and column, never a partly read report.
public struct JSONReportReader: Sendable {
    /// What the report is read as, which decides its noun in messages and whether it must be a shard's.
    public enum Role: Sendable {
        /// Any report (tests, tools).
        case report
        /// `--baseline`: the report of a whole run or a merge.
        case baseline
        /// `modelgate merge`: the report of one `--shard K/N` run.
        case shard

        var noun: String {
            switch self {
            case .report: return "report"
            case .baseline: return "baseline report"
            case .shard: return "shard report"
            }
        }
    }

    /// A report is a few levels deep; only a gate's `state` nests further, and not by much.
    public static let maxDepth = 32

    public var ranges: MetricRanges
    public var role: Role

    public init(ranges: MetricRanges = .conventional, role: Role = .report) {
        self.ranges = ranges
        self.role = role
    }

    /// Reads the file at `path`: a regular file of at most `maxBytes`, checked before it is read.
    public func read(path: String, maxBytes: Int) throws(ConfigError) -> RunReport {
        try parse(try ReportFile.read(path, what: role.noun, maxBytes: maxBytes), path: path)
    }

    public func parse(_ bytes: [UInt8], path: String) throws(ConfigError) -> RunReport {
        let document: Node
        do throws(DocumentError) {
            document = try JSONReader.read(bytes)
        } catch {
            throw ConfigError("\(role.noun) is not valid JSON: \(error.message)", path: path, at: error.location)
        }
        if let tooDeep = Self.firstNode(deeperThan: Self.maxDepth, in: document) {
            throw ConfigError("\(role.noun) nests deeper than \(Self.maxDepth) levels here; no modelgate report does",
                              path: path, at: tooDeep.location)
        }
        return try report(try ReportFields(document, at: "", path: path))
    }

    private func report(_ root: ReportFields) throws(ConfigError) -> RunReport {
        guard let versionNode = root.node["schemaVersion"] else {
            throw root.error("not a modelgate JSON report: no 'schemaVersion'", at: root.node)
        }
        guard case .int(let version) = versionNode.value, version == RunReport.schemaVersion else {
            throw root.error("\(role.noun) has schemaVersion \(JSONWriter.write(versionNode, pretty: false)); "
                             + "this modelgate reads \(RunReport.schemaVersion)", at: versionNode)
        }
        let shard = try self.shard(root)
        let tool = try root.object("tool")
        guard try tool.string("name") == "modelgate" else {
            throw root.error("not a modelgate JSON report: tool.name is not \"modelgate\"", at: tool.node["name"])
        }
        let verdict = try root.choice("verdict", of: Verdict.self)
        // A shard decides nothing and only a shard does not decide (`PipelineRunner.shardVerdict`).
        if shard != nil, ![.partial, .error].contains(verdict) {
            throw root.error("verdict is \(verdict.rawValue), but a shard report's verdict is partial or error", at: root.node["verdict"])
        }
        if shard == nil, verdict == .partial {
            throw root.error("verdict is partial, which only a shard report (with 'shard') has", at: root.node["verdict"])
        }
        let candidate = try root.object("candidate")
        let config = try root.object("config")
        var report = RunReport(
            toolVersion: try tool.string("version"), verdict: verdict, startedAt: try root.string("startedAt"),
            durationSeconds: try root.number("durationSeconds", in: .nonNegative),
            candidate: CandidateSummary(name: try candidate.string("name"), version: try candidate.string("version"),
                                        artifacts: try artifacts(candidate)),
            configPath: try config.string("path"), configSHA256: try config.string("sha256"),
            gates: try gates(root, inShard: shard != nil),
            interruption: try root.optionalString("interrupted"))
        report.shard = shard
        report.mergedShards = try root.optionalInteger("mergedShards", atLeast: 1)
        if shard != nil, report.mergedShards != nil {
            throw root.error("a shard report cannot also be merged ('shard' and 'mergedShards')", at: root.node["mergedShards"])
        }
        if let merged = report.mergedShards, merged > Shard.maximumCount {
            throw root.error("mergedShards is \(merged), more than the \(Shard.maximumCount) shards a run can have",
                             at: root.node["mergedShards"])
        }
        try expectRole(report, root)
        return report
    }

    /// `"shard": {"index": K, "count": N}`, read before the rest: it says what else to expect.
    private func shard(_ root: ReportFields) throws(ConfigError) -> Shard? {
        guard let fields = try root.optionalObject("shard") else { return nil }
        let index = try fields.integer("index", atLeast: 1)
        let count = try fields.integer("count", atLeast: 1)
        guard let shard = Shard(index: index, count: count) else {
            throw root.error("'shard' must be {\"index\": K, \"count\": N} with 1 <= K <= N <= \(Shard.maximumCount)", at: fields.node)
        }
        return shard
    }

    private func expectRole(_ report: RunReport, _ root: ReportFields) throws(ConfigError) {
        switch role {
        case .report: return
        case .baseline:
            guard let shard = report.shard else { return }
            throw root.error("this is the report of shard \(shard), which measured a share and decided nothing: "
                             + "use the report of `modelgate merge` as the baseline", at: root.node["shard"])
        case .shard:
            guard report.shard == nil else { return }
            throw root.error("not a shard report: no 'shard' (shard reports are the JSON reports of `modelgate run --shard K/N`)",
                             at: root.node)
        }
    }

    private func artifacts(_ candidate: ReportFields) throws(ConfigError) -> [HashedArtifact] {
        var artifacts: [HashedArtifact] = []
        for (index, node) in try candidate.array("artifacts").enumerated() {
            let fields = try ReportFields(node, at: candidate.name("artifacts[\(index)]"), path: candidate.path)
            artifacts.append(HashedArtifact(path: try fields.string("path"), sha256: try fields.string("sha256"),
                                            bytes: try fields.integer("bytes", atLeast: 0)))
        }
        return artifacts
    }

    private func gates(_ root: ReportFields, inShard: Bool) throws(ConfigError) -> [GateResult] {
        var results: [GateResult] = []
        var seen: [String: Int] = [:]
        for (index, node) in try root.array("gates").enumerated() {
            let fields = try ReportFields(node, at: "gates[\(index)]", path: root.path)
            let gate = try self.gate(fields, inShard: inShard)
            if let first = seen[gate.id] {
                throw fields.error("gate id '\(gate.id)' appears twice (gates[\(first)] and gates[\(index)]); "
                                   + "a report has one entry per gate", at: node["id"])
            }
            seen[gate.id] = index
            results.append(gate)
        }
        return results
    }

    /// The first node nested deeper than `limit` (the document itself is level 1), depth first.
    /// Recursion is safe: the JSON reader already refused nesting deeper than 256.
    static func firstNode(deeperThan limit: Int, in node: Node, level: Int = 1) -> Node? {
        if level > limit { return node }
        switch node.value {
        case .array(let items):
            for item in items { if let found = firstNode(deeperThan: limit, in: item, level: level + 1) { return found } }
        case .object(let members):
            for member in members {
                if let found = firstNode(deeperThan: limit, in: member.value, level: level + 1) { return found }
            }
        default: break
        }
        return nil
    }
}
