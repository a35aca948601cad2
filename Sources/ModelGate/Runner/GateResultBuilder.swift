/// Turns how a gate's run ended into its report entry: checks decided, evidence demanded,
/// statuses combined, non-blocking failures turned into warnings.
struct GateResultBuilder {
    var config: GateConfig
    var waivers: [Waiver]
    var options: RunOptions

    func result(for ending: GateExecution.Ending<GateOutcome>) -> GateResult {
        var result = GateResult(id: config.id, type: config.type, status: .error, blocking: config.blocking, summary: "")
        switch ending {
        case .finished(let outcome):
            result.metrics = outcome.metrics.map { ($0.name, $0.value) }
            result.evidence = outcome.evidence
            result.findings = outcome.findings
            result.summary = outcome.summary
            if outcome.evidence.measuredNothing {
                result.error = "the gate measured nothing (no rows, requests or files), so it cannot vouch for the model"
                break
            }
            let engine = CheckEngine(gate: config, baseline: options.baseline.map { $0.metrics[config.id] ?? [:] },
                                     waivers: waivers.filter { $0.gate == config.id }, today: options.today)
            do {
                result.checks = try engine.decide(outcome)
                result.status = Self.combine(outcome.status, result.checks)
                result.state = outcome.state
            } catch {
                result.error = String(describing: error)
            }
        case .failed, .timedOut, .interrupted:
            result.error = Self.failure(ending)
        }
        if result.error != nil { result.status = .error }
        if result.summary.isEmpty { result.summary = Self.summary(of: result) }
        if !config.blocking, [.fail, .error, .inconclusive].contains(result.status) { result.status = .warn }
        return result
    }

    /// A shard's entry: its state and what it measured, `partial`; nothing is decided on a share.
    /// A shard that measured no rows is not an error here: the merge judges the evidence of all.
    func result(forShard shard: Shard, _ ending: GateExecution.Ending<ShardMeasurement>) -> GateResult {
        var result = GateResult(id: config.id, type: config.type, status: .error, blocking: config.blocking, summary: "")
        switch ending {
        case .finished(let measurement):
            result.status = .partial
            result.state = measurement.state
            result.evidence = measurement.evidence
            result.summary = "shard \(shard): \(measurement.summary); `modelgate merge` decides"
            return result
        case .failed, .timedOut, .interrupted:
            result.error = Self.failure(ending)
        }
        result.summary = result.error ?? ""
        if !config.blocking { result.status = .warn }
        return result
    }

    /// Why a gate's work did not finish, in words for the report (nil when it finished).
    static func failure<Result>(_ ending: GateExecution.Ending<Result>) -> String? {
        switch ending {
        case .finished: return nil
        case .failed(let message): return message
        case .timedOut(let limit, let stopped): return "timed out after \(DurationText.format(limit)); " + stopping(stopped)
        case .interrupted(let reason, let stopped): return "interrupted (\(reason)); " + stopping(stopped)
        }
    }

    /// Only what happened: "stopped" once the gate's work (and with it its child processes) ended.
    private static func stopping(_ stopped: Bool) -> String {
        switch stopped {
        case true: return "the gate and its child processes were stopped"
        case false: return "the gate did not stop within \(DurationText.format(GateExecution.stopWait)) of being cancelled; its child processes may still be running"
        }
    }

    /// The worse of the gate's own judgement and its checks.
    static func combine(_ own: GateStatus, _ checks: [Check]) -> GateStatus {
        if own == .fail || checks.contains(where: { $0.status == .fail }) { return .fail }
        if own == .inconclusive || checks.contains(where: { $0.status == .inconclusive }) { return .inconclusive }
        return own
    }

    static func summary(of result: GateResult) -> String {
        if let error = result.error { return error }
        guard !result.checks.isEmpty else { return result.status.rawValue }
        let passed = result.checks.filter { $0.status == .pass || $0.status == .waived }.count
        return "\(passed) of \(result.checks.count) checks passed"
    }
}
