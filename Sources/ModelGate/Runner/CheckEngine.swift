import Statistics

/// Decides checks: each threshold against its metric, on the point value or on the whole
/// confidence interval, with Holm's adjustment over a gate's interval-decided checks, then waivers.
struct CheckEngine {
    var gate: GateConfig
    var baseline: [String: Double]?
    var waivers: [Waiver]
    /// `YYYY-MM-DD`, UTC: waivers expire at the end of their day.
    var today: String

    /// The checks a gate's thresholds and its own requests ask for. Throws when one cannot be
    /// decided at all (a metric the gate did not report, a baseline without that metric).
    func decide(_ outcome: GateOutcome) throws -> [Check] {
        var requests: [CheckRequest] = []
        for threshold in gate.thresholds {
            guard let metric = outcome.metrics.first(where: { $0.name == threshold.metric }) else {
                throw GateFailure("the gate did not report metric '\(threshold.metric)' that a threshold names")
            }
            requests.append(CheckRequest(name: threshold.metric, metric: metric, condition: threshold.condition))
        }
        requests += outcome.checks

        var checks: [Check] = []
        var intervalDecided: [(index: Int, pValue: Double, passes: Bool)] = []
        for request in requests {
            let threshold = try resolveThreshold(request)
            let actual = request.metric.value
            guard actual.isFinite || actual.isInfinite, !actual.isNaN else {
                throw GateFailure("metric '\(request.metric.name)' is undefined (NaN) and cannot be checked")
            }
            if case .fixed(let given)? = request.metric.interval {
                // A plug-in's interval is taken at its word only if it could be true.
                guard given.lowerBound.isFinite, given.upperBound.isFinite, given.contains(actual) else {
                    throw GateFailure("check '\(request.name)': the interval [\(given.lowerBound), \(given.upperBound)] does not contain "
                                      + "the metric's own value \(actual); an interval must be finite and hold its value")
                }
            }
            let shownInterval = request.metric.interval?.interval(confidence: gate.confidence)
            var check = Check(metric: request.name, op: request.condition.op, condition: request.condition.text,
                              threshold: threshold, actual: actual, interval: shownInterval,
                              status: request.condition.op.holds(actual, threshold) ? .pass : .fail)
            if gate.decide == .interval {
                if case .undetermined(let reason)? = request.metric.interval, request.condition.op.passesAbove != nil {
                    // In Holm's family as a check that cannot be decided, so it widens nobody's luck.
                    intervalDecided.append((checks.count, 1, false))
                    check.note = "no honest interval: \(reason)"
                } else if let estimate = request.metric.interval, let passesAbove = request.condition.op.passesAbove {
                    let decision = IntervalDecision(estimate: estimate, threshold: threshold, passesAbove: passesAbove,
                                                    strict: request.condition.op == .greater || request.condition.op == .less)
                    intervalDecided.append((checks.count, decision.pValue, decision.passes))
                } else {
                    // Said on the check, so a reader of `decide: interval` knows which checks it did not cover.
                    check.note = request.condition.op.passesAbove == nil
                        ? "decided on the point value: \(request.condition.op.rawValue) has no interval decision"
                        : "decided on the point value: the gate gives no interval for this metric"
                }
            }
            checks.append(check)
        }
        applyHolm(intervalDecided, to: &checks)
        for index in checks.indices { applyWaiver(to: &checks[index]) }
        return checks
    }

    private func resolveThreshold(_ request: CheckRequest) throws -> Double {
        guard request.condition.usesBaseline else { return request.condition.threshold(baseline: nil)! }
        guard let baseline else {
            throw GateFailure("check '\(request.name)' compares with the baseline, but no baseline report was given")
        }
        guard let value = baseline[request.metric.name] else {
            throw GateFailure("the baseline report has no metric '\(request.metric.name)' for gate '\(gate.id)'")
        }
        // A huge baseline times a factor overflows to infinity, which every value is below.
        guard let threshold = request.condition.threshold(baseline: value), threshold.isFinite else {
            throw GateFailure("check '\(request.name)': '\(request.condition.text)' with the baseline's \(value) "
                              + "gives no finite threshold")
        }
        return threshold
    }

    /// Holm's step-down over the interval-decided checks: with m checks, the smallest p-value must
    /// clear α/m, the next α/(m−1), … A check that is not decided stays inconclusive.
    private func applyHolm(_ decided: [(index: Int, pValue: Double, passes: Bool)], to checks: inout [Check]) {
        guard !decided.isEmpty else { return }
        let alpha = 1 - gate.confidence
        let rejected = Holm.rejections(pValues: decided.map(\.pValue), alpha: alpha)
        for (entry, isDecided) in zip(decided, rejected) {
            if isDecided {
                checks[entry.index].status = entry.passes ? .pass : .fail
            } else {
                checks[entry.index].status = .inconclusive
                // A check without an honest interval already says why.
                if checks[entry.index].note != nil { continue }
                checks[entry.index].note = "the \(Int((gate.confidence * 100).rounded()))% interval straddles the threshold"
                    + (decided.count > 1 ? " (Holm-adjusted over \(decided.count) checks)" : "") + "; more evidence is needed"
            }
        }
    }

    private func applyWaiver(to check: inout Check) {
        guard check.status == .fail,
              let waiver = waivers.first(where: { $0.gate == gate.id && $0.check == check.metric }) else { return }
        if waiver.expires >= today {
            check.status = .waived
            check.waiver = AppliedWaiver(reason: waiver.reason, approvedBy: waiver.approvedBy, expires: waiver.expires)
        } else {
            check.note = "waiver approved by \(waiver.approvedBy) expired on \(waiver.expires) and no longer applies"
        }
    }
}

/// One check's decision on its interval: the smallest α at which the (1−α) interval lies wholly on
/// one side of the threshold, and which side. That α is the p-value Holm's procedure compares.
struct IntervalDecision {
    var pValue: Double
    var passes: Bool

    init(estimate: IntervalEstimate, threshold: Double, passesAbove: Bool, strict: Bool) {
        // Passing needs the interval strictly beyond a strict threshold, or touching a non-strict
        // one; failing is the reverse. IntervalInversion compares strictly, so nudge by one ulp.
        let passEdge = strict ? threshold : (passesAbove ? threshold.nextDown : threshold.nextUp)
        let failEdge = strict ? (passesAbove ? threshold.nextUp : threshold.nextDown) : threshold
        let passSide: IntervalInversion.Side = passesAbove ? .above : .below
        let failSide: IntervalInversion.Side = passesAbove ? .below : .above
        if case .fixed(let interval) = estimate {
            // An interval given at one confidence only decides outright or not at all.
            let inside = { (edge: Double, side: IntervalInversion.Side) in
                side == .above ? interval.lowerBound > edge : interval.upperBound < edge
            }
            if inside(passEdge, passSide) { self.init(pValue: 0, passes: true) }
            else if inside(failEdge, failSide) { self.init(pValue: 0, passes: false) }
            else { self.init(pValue: 1, passes: false) }
            return
        }
        let pPass = IntervalInversion.pValue(excluding: passEdge, side: passSide) { estimate.interval(confidence: $0) }
        let pFail = IntervalInversion.pValue(excluding: failEdge, side: failSide) { estimate.interval(confidence: $0) }
        self.init(pValue: min(pPass, pFail), passes: pPass <= pFail)
    }

    init(pValue: Double, passes: Bool) {
        self.pValue = pValue
        self.passes = passes
    }
}
