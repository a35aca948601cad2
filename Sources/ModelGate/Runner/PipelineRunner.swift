import Foundation

/// Which gates a run includes, and what it compares with.
public struct RunOptions: Sendable {
    /// Only these gate ids run (`--only`); nil runs all.
    public var only: Set<String>?
    /// These gate ids are skipped (`--skip`).
    public var skip: Set<String>
    /// The baseline report's metrics, by gate id then metric name (`--baseline`).
    public var baseline: BaselineReport?
    /// `YYYY-MM-DD` (UTC) against which waivers expire.
    public var today: String
    public var mode: RunMode

    public init(only: Set<String>? = nil, skip: Set<String> = [], baseline: BaselineReport? = nil,
                today: String = CalendarDate.today(), mode: RunMode = .whole) {
        self.only = only
        self.skip = skip
        self.baseline = baseline
        self.today = today
        self.mode = mode
    }
}

/// A whole run, one shard's share of it, or the merge of every shard's report.
public enum RunMode: Sendable {
    /// Every gate runs on all its data and the run decides.
    case whole
    /// Only mergeable gates run, on this share of their data, and write their state (`--shard K/N`).
    case shard(Shard)
    /// Mergeable gates merge the shards' states and decide; the other gates run as in a whole run.
    case merge(ShardReports)
}

/// Told as gates start and finish, for a live progress line.
public protocol RunObserver: Sendable {
    func gateStarted(_ gate: GateConfig, index: Int, of count: Int)
    func gateFinished(_ result: GateResult)
}

/// Runs a pipeline's gates in order and decides the verdict. Every gate ends in a `GateResult`,
/// whatever happens inside it; nothing a gate does can make the run pass by default.
public struct PipelineRunner: Sendable {
    public var toolVersion: String
    public var options: RunOptions
    public var control: RunControl
    public var observer: (any RunObserver)?

    public init(toolVersion: String, options: RunOptions, control: RunControl = RunControl(),
                observer: (any RunObserver)? = nil) {
        self.toolVersion = toolVersion
        self.options = options
        self.control = control
        self.observer = observer
    }

    public func run(_ pipeline: Pipeline, artifacts: [HashedArtifact]) async -> RunReport {
        let started = Date()
        let clock = ContinuousClock.now
        let scratch = ScratchFolder()
        defer { scratch.remove() }

        var results: [GateResult] = []
        for (index, entry) in pipeline.gates.enumerated() {
            let config = entry.config
            if let reason = skipReason(config, results: results) {
                let result = GateResult(id: config.id, type: config.type, status: .skipped, blocking: config.blocking,
                                        summary: reason)
                results.append(result)
                continue
            }
            // The progress line is printed too: it shows the gate with the run's secrets masked.
            var shown = config
            shown.id = pipeline.redactor.redact(config.id)
            shown.type = pipeline.redactor.redact(config.type)
            observer?.gateStarted(shown, index: index, of: pipeline.gates.count)
            let log = GateLog()
            let context = GateContext(gateID: config.id, candidate: pipeline.config.candidate,
                                      baseDirectory: pipeline.config.baseDirectory,
                                      workDirectory: scratch.folder(for: config.id),
                                      log: log,
                                      timeout: config.timeout, gatedMetrics: Set(config.thresholds.map(\.metric)),
                                      limits: limits(of: config), artifacts: artifacts)
            let gateClock = ContinuousClock.now
            var result = await execute(entry, context: context, waivers: pipeline.config.waivers)
            result.durationSeconds = (ContinuousClock.now - gateClock).seconds
            result.log = log.contents
            results.append(result)
            observer?.gateFinished(result)
        }

        let interrupted = control.interruption != nil
        var report = RunReport(
            toolVersion: toolVersion,
            verdict: isShardRun ? Self.shardVerdict(results, interrupted: interrupted) : Self.verdict(results, interrupted: interrupted),
            startedAt: ISO8601DateFormatter().string(from: started),
            durationSeconds: (ContinuousClock.now - clock).seconds,
            candidate: CandidateSummary(name: pipeline.config.candidate.name, version: pipeline.config.candidate.version,
                                        artifacts: artifacts),
            configPath: pipeline.config.path, configSHA256: pipeline.config.sha256, gates: results,
            interruption: control.interruption)
        var seenRules = Set<String>()
        report.rules = pipeline.gates.flatMap { type(of: $0.gate).descriptor.rules }.filter { seenRules.insert($0.id).inserted }
        switch options.mode {
        case .whole: break
        case .shard(let shard): report.shard = shard
        case .merge(let shards): report.mergedShards = shards.count
        }
        return report.redacted(with: pipeline.redactor)
    }

    /// The gate's thresholds as numbers, each with the baseline's value applied when it uses one.
    private func limits(of config: GateConfig) -> [ThresholdLimit] {
        let baseline = options.baseline?.metrics[config.id]
        return config.thresholds.compactMap { threshold in
            guard let value = threshold.condition.threshold(baseline: baseline?[threshold.metric]), value.isFinite else { return nil }
            return ThresholdLimit(metric: threshold.metric, op: threshold.condition.op, value: value)
        }
    }

    private var isShardRun: Bool {
        if case .shard = options.mode { return true }
        return false
    }

    /// Runs, measures or merges one gate, as the mode asks, and turns how that ended into its result.
    private func execute(_ entry: (config: GateConfig, gate: any Gate), context: GateContext, waivers: [Waiver]) async -> GateResult {
        let config = entry.config
        let builder = GateResultBuilder(config: config, waivers: waivers, options: options)
        switch options.mode {
        case .whole:
            return builder.result(for: await GateExecution.run(entry.gate, context: context, timeout: config.timeout, control: control))
        case .shard(let shard):
            guard let gate = entry.gate as? any MergeableGate else {
                return GateResult(id: config.id, type: config.type, status: .skipped, blocking: config.blocking,
                                  summary: Self.notSharded(config.type))
            }
            let ending = await GateExecution.run(context: context, timeout: config.timeout, control: control) {
                try await gate.measure($0, shard: shard)
            }
            return builder.result(forShard: shard, ending)
        case .merge(let shards):
            guard let gate = entry.gate as? any MergeableGate else {
                return builder.result(for: await GateExecution.run(entry.gate, context: context, timeout: config.timeout, control: control))
            }
            let ending = await GateExecution.run(context: context, timeout: config.timeout, control: control) { context in
                let states = try shards.states(ofGate: config.id, type: config.type)
                return try await gate.merge(states, context)
            }
            var result = builder.result(for: ending)
            if result.error == nil { result.evidence["shards"] = shards.count }
            return result
        }
    }

    /// Why a gate that is not mergeable is skipped in a shard run.
    static func notSharded(_ type: String) -> String {
        "not run in a shard: '\(type)' gates do not split into shards; `modelgate merge` runs it"
    }
    /// Why a gate does not run, or nil when it runs.
    private func skipReason(_ config: GateConfig, results: [GateResult]) -> String? {
        if let reason = control.interruption { return "not run: the run was interrupted (\(reason))" }
        if let only = options.only, !only.contains(config.id) { return "not selected (--only)" }
        if options.skip.contains(config.id) { return "skipped (--skip)" }
        // A shard cannot know how the gates it needs end (they may be merged, or run only at the
        // merge); the merge applies `needs` to the merged results.
        if isShardRun { return nil }
        for need in config.needs {
            guard let needed = results.first(where: { $0.id == need }) else { continue }
            switch needed.status {
            case .pass: continue
            // A need left out by --only/--skip was the user's choice; the gate still runs.
            case .skipped where needed.summary == "not selected (--only)" || needed.summary == "skipped (--skip)": continue
            default: return "not run: needs '\(need)', which ended \(needed.status.rawValue)"
            }
        }
        return nil
    }

    /// A shard run decides nothing: `partial` when every blocking gate that can shard measured its
    /// share; `error` when one could not (the merge would fail closed anyway, and CI learns it
    /// from the job that failed), or when none measured anything.
    static func shardVerdict(_ results: [GateResult], interrupted: Bool) -> Verdict {
        if interrupted { return .error }
        let blocking = results.filter { $0.blocking && $0.status != .skipped }
        if blocking.contains(where: { $0.status == .error }) { return .error }
        return blocking.isEmpty ? .error : .partial
    }

    /// `fail` when a blocking gate failed, else `error` when one could not run, else `inconclusive`
    /// when one could not decide, else `pass` — and never `pass` when no blocking gate ran at all.
    /// A failure outranks an error: the model is known to be blocked on its merits.
    static func verdict(_ results: [GateResult], interrupted: Bool) -> Verdict {
        if interrupted { return .error }
        let blocking = results.filter { $0.blocking && $0.status != .skipped }
        if blocking.contains(where: { $0.status == .fail }) { return .fail }
        if blocking.contains(where: { $0.status == .error }) { return .error }
        if blocking.contains(where: { $0.status == .inconclusive }) { return .inconclusive }
        return blocking.isEmpty ? .error : .pass
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number (for rates and reports).
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// Per-gate scratch folders under one temporary folder, removed when the run ends.
struct ScratchFolder {
    let root: String

    init() {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("modelgate-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    func folder(for gateID: String) -> String {
        let path = (root as NSString).appendingPathComponent(gateID)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
