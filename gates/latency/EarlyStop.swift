import ModelGate

/// `abort_on_fail`: watches each finished request and says when a threshold can no longer be met
/// however the rest of the planned requests go, so the load stops there (k6's abortOnFail).
///
/// Only what is certain stops a run: with at most `planned` requests, a percentile threshold is
/// lost once more requests exceed it than the percentile lets through even if every remaining
/// request succeeds below it; `max_ms` once one request exceeds it; `error_rate` and the error
/// budget once the failures alone make the rate too high. Latencies are compared with a margin of
/// the histogram's resolution, so a run is never stopped for a percentile the report would show
/// as met.
struct EarlyStop: Sendable {
    private struct LatencyLimit: Sendable {
        var metric: String
        /// nil for `max_ms`.
        var quantile: Double?
        /// A latency above this (nanoseconds) counts against the limit.
        var exceedingAbove: Double
        /// How many latencies may exceed it.
        var allowed: Int
        var seen = 0
    }

    private var latencyLimits: [LatencyLimit] = []
    /// Failures allowed in the planned requests, and by what.
    private var failureLimits: [(allowed: Int, what: String)] = []
    private var failures = 0
    private(set) var reason: String?

    /// The limits that apply, or nil when none of the thresholds can be decided early.
    init?(limits: [ThresholdLimit], errorBudget: Share, planned: Int) {
        let plannedDouble = Double(planned)
        for limit in limits {
            guard let passesAbove = limit.op.passesAbove, !passesAbove else { continue }
            let strict = limit.op == .less
            let nanoseconds = limit.value * LatencyOutcome.nanosecondsPerMillisecond
            if limit.metric == "max_ms" {
                // The histogram keeps the exact maximum.
                latencyLimits.append(LatencyLimit(metric: limit.metric, quantile: nil,
                                                  exceedingAbove: strict ? nanoseconds.nextDown : nanoseconds, allowed: 0))
            } else if let quantile = LatencyMetricSpecs.percentiles.first(where: { $0.name == limit.metric })?.quantile {
                // The reported percentile is its bucket's middle, within 1/128 of the recorded value.
                let margin = 1 + 2 * 1.0 / 128
                let allowed = planned - Int((quantile * plannedDouble).rounded(.up))
                latencyLimits.append(LatencyLimit(metric: limit.metric, quantile: quantile,
                                                  exceedingAbove: nanoseconds * margin, allowed: max(allowed, 0)))
            } else if limit.metric == "error_rate" {
                failureLimits.append((Self.allowedFailures(rate: limit.value, strict: strict, planned: plannedDouble),
                                      "error_rate \(limit.op.rawValue) \(HumanNumber.format(limit.value))"))
            }
        }
        failureLimits.append((Self.allowedFailures(rate: errorBudget.fraction, strict: false, planned: plannedDouble),
                              "the error budget (max_error_rate \(errorBudget.optionText))"))
        if latencyLimits.isEmpty && failureLimits.isEmpty { return nil }
    }

    /// The most failures that keep `failures / n` within `rate` for every n up to `planned`.
    private static func allowedFailures(rate: Double, strict: Bool, planned: Double) -> Int {
        let bound = rate * planned
        return strict ? Int(bound.rounded(.up)) - 1 : Int(bound.rounded(.down))
    }

    var exhausted: Bool { reason != nil }

    mutating func observe(latencyNanoseconds: UInt64) {
        let value = Double(latencyNanoseconds)
        for index in latencyLimits.indices where value > latencyLimits[index].exceedingAbove {
            latencyLimits[index].seen += 1
            if latencyLimits[index].seen > latencyLimits[index].allowed && reason == nil {
                let limit = latencyLimits[index]
                reason = limit.quantile == nil
                    ? "a request took longer than max_ms allows"
                    : "\(limit.seen) requests were slower than \(limit.metric) allows; at most \(limit.allowed) of the planned requests may be"
            }
        }
    }

    mutating func observeFailure() {
        failures += 1
        for limit in failureLimits where failures > limit.allowed && reason == nil {
            reason = "\(failures) requests failed: more than \(limit.what) allows of the planned requests"
        }
    }
}
