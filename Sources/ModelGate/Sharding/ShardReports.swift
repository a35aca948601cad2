/// The JSON reports of a sharded run's jobs, as `modelgate merge` takes them: checked to be one
/// whole (every shard 1..N exactly once, the same pipeline file, candidate and modelgate), with
/// each mergeable gate's state per shard. Anything else is a located error, never a partial merge.
public struct ShardReports: Sendable {
    /// The shard reports' paths, in shard order (shard 1 first).
    public let paths: [String]
    public let toolVersion: String
    public let configSHA256: String
    public let artifacts: [HashedArtifact]
    /// Each shard's gates by id, in shard order.
    private let gates: [[String: GateResult]]

    public var count: Int { paths.count }

    /// A shard report holds the gates' states; larger files are refused before they are read.
    public static let maxFileSize = 256 << 20

    /// Reads the reports (in any order) and checks that they make one whole: shards of one split,
    /// each once, that agree on everything the merge takes from them. Metric values are checked
    /// against `ranges`.
    public static func read(paths: [String], ranges: MetricRanges = .conventional) throws(ConfigError) -> ShardReports {
        let reader = JSONReportReader(ranges: ranges, role: .shard)
        var reports: [(path: String, report: RunReport)] = []
        for path in paths { reports.append((path, try reader.read(path: path, maxBytes: maxFileSize))) }
        return try assemble(reports)
    }

    /// Shard reports already read (as `JSONReportReader` with role `.shard` reads them), checked
    /// to make one whole and put in shard order.
    static func assemble(_ reports: [(path: String, report: RunReport)]) throws(ConfigError) -> ShardReports {
        guard !reports.isEmpty else { throw ConfigError("no shard reports given", path: "modelgate merge", at: .none) }
        var shards: [(path: String, report: RunReport, shard: Shard)] = []
        for (path, report) in reports {
            // The reader refuses a shard report without its shard.
            guard let shard = report.shard else { throw ConfigError("not a shard report", path: path, at: .none) }
            shards.append((path, report, shard))
        }
        let first = shards[0]
        for other in shards.dropFirst() {
            try ShardAgreement(first: (first.path, first.report), other: (other.path, other.report)).check()
        }
        let count = first.shard.count
        var byIndex: [Int: (path: String, report: RunReport, shard: Shard)] = [:]
        for shard in shards {
            if let earlier = byIndex[shard.shard.index] {
                throw ConfigError("shard \(shard.shard.index)/\(count) is given twice: here and in \(earlier.path)",
                                  path: shard.path, at: .none)
            }
            byIndex[shard.shard.index] = shard
        }
        guard byIndex.count == count else {
            // Named up to ten: the count comes from the reports, and may be large.
            let missing = (1...count).lazy.filter { byIndex[$0] == nil }.prefix(10).map { "\($0)/\(count)" }
            let absent = count - byIndex.count
            throw ConfigError("the shard reports are shards of \(count), but \(absent) "
                              + (absent == 1 ? "is" : "are") + " missing (\(missing.joined(separator: ", "))"
                              + (absent > 10 ? ", …" : "") + "): a merge needs every shard",
                              path: "modelgate merge", at: .none)
        }
        let ordered = (1...count).map { byIndex[$0]! }
        return ShardReports(paths: ordered.map(\.path), toolVersion: first.report.toolVersion,
                            configSHA256: first.report.configSHA256, artifacts: first.report.candidate.artifacts,
                            // Gate ids are unique in a report the reader accepts.
                            gates: ordered.map { Dictionary($0.report.gates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }) })
    }

    /// Checks that the shards gated what this merge gates: the same pipeline file, candidate
    /// artifacts and modelgate version (a state's encoding is the version's own).
    public func check(configPath: String, configSHA256: String, artifacts: [HashedArtifact], toolVersion: String) throws(ConfigError) {
        if configSHA256 != self.configSHA256 {
            throw ConfigError("the shard reports were made with another version of this pipeline file (sha256 "
                              + "\(ReportFields.shown(String(self.configSHA256.prefix(12))))…, now \(configSHA256.prefix(12))…)", path: configPath, at: .none)
        }
        if artifacts != self.artifacts {
            throw ConfigError("the shard reports gated other candidate artifacts (\(Self.describe(self.artifacts))) than "
                              + "the pipeline's now (\(Self.describe(artifacts)))", path: configPath, at: .none)
        }
        if toolVersion != self.toolVersion {
            throw ConfigError("the shard reports were made by modelgate \(ReportFields.shown(self.toolVersion)); this is \(toolVersion): "
                              + "merge with the version that made them", path: paths[0], at: .none)
        }
    }

    /// Every shard's state of gate `id`, in shard order; why not, when a shard did not measure it.
    func states(ofGate id: String, type: String) throws(GateFailure) -> [GateState] {
        var states: [GateState] = []
        for (index, shardGates) in gates.enumerated() {
            let shard = "shard \(index + 1)/\(count) (\(paths[index]))"
            guard let entry = shardGates[id] else { throw GateFailure("\(shard) has no gate '\(id)'") }
            guard entry.type == type else {
                throw GateFailure("gate '\(id)' is type \(ReportFields.shown(entry.type)) in \(shard), but '\(type)' in the pipeline")
            }
            switch entry.status {
            case .partial:
                guard var state = entry.state else { throw GateFailure("\(shard) has no state for gate '\(id)'") }
                state.origin = ShardOrigin(description: shard, evidence: entry.evidence)
                states.append(state)
            case .skipped:
                throw GateFailure("gate '\(id)' did not run in \(shard): \(entry.summary)")
            default:
                throw GateFailure("gate '\(id)' could not measure its share in \(shard): \(entry.error ?? entry.summary)")
            }
        }
        return states
    }

    static func describe(_ artifacts: [HashedArtifact]) -> String {
        artifacts.isEmpty ? "none" : artifacts.map { "\(ReportFields.shown($0.path)) \(ReportFields.shown(String($0.sha256.prefix(12))))…" }
            .joined(separator: ", ")
    }
}
