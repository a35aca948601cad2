import ModelGate
import Statistics

/// Turns what the load measured into the gate's metrics, evidence and error-budget check.
struct LatencyOutcome {
    var options: LatencyOptions
    /// One tally per measurement window (`repeats`), each already summed over shards.
    var windows: [LoadTally]
    /// Which client measured, for the summary: socket numbers and URLSession's are not comparable.
    var client: String
    /// The load as configured, kept with the histograms in the report's state.
    var load: String

    static let nanosecondsPerMillisecond = 1e6

    func outcome(gatedMetrics: Set<String>) throws -> GateOutcome {
        var total = LoadTally()
        for window in windows { try total.addSequential(window) }
        guard total.requests > 0 else { throw GateFailure("no request was measured: the load sent nothing within its limits") }
        let latencyNames = Set(LatencyMetricSpecs.percentiles.map(\.name) + ["max_ms", "mean_ms"])
        if total.succeeded == 0, let gated = gatedMetrics.intersection(latencyNames).sorted().first {
            let kinds = LoadErrorKind.allCases.filter { total[$0] > 0 }.map { "\(total[$0]) \($0.rawValue)" }
            throw GateFailure("every one of the \(total.requests) measured requests failed (\(kinds.joined(separator: ", "))), so no latency was measured for '\(gated)'")
        }
        var metrics: [Metric] = []
        if total.succeeded > 0 {
            metrics += latencyMetrics(total)
            metrics.append(Metric("throughput_rps", total.throughput,
                                  interval: windowInterval(\.throughput) ?? .undetermined(reason: Self.oneRunReason)))
        } else {
            metrics.append(Metric("throughput_rps", 0, interval: windowInterval(\.throughput) ?? .undetermined(reason: Self.oneRunReason)))
        }
        let errorRate = Metric("error_rate", Double(total.failed) / Double(total.requests),
                               interval: .proportion(successes: total.failed, trials: total.requests))
        metrics.append(errorRate)
        // The budget is a limit on what happened, not an estimate: decided on the count itself.
        let budget = CheckRequest(name: "error_budget", metric: Metric("error_rate", errorRate.value),
                                  condition: Condition(op: .lessOrEqual, bound: .value(options.maxErrorRate.fraction),
                                                       text: "<= \(options.maxErrorRate.optionText) (max_error_rate)"))
        return GateOutcome(metrics: metrics, evidence: evidence(total), checks: [budget], summary: summary(total),
                           state: LatencyState(load: load, windows: windows).encoded())
    }

    /// Why metrics of one window have no interval: the requests of one run are not independent.
    static let oneRunReason = "requests of one run share the server's state, so one run has no honest interval for this metric; set 'repeats' (5 or more) for intervals across independent windows"

    private func latencyMetrics(_ total: LoadTally) -> [Metric] {
        let unit = Self.nanosecondsPerMillisecond
        var metrics: [Metric] = []
        for percentile in LatencyMetricSpecs.percentiles {
            guard let value = total.latencies.value(atQuantile: percentile.quantile) else { continue }
            let interval = windowInterval { $0.latencies.value(atQuantile: percentile.quantile).map { Double($0) / unit } }
                ?? .latencyQuantile(total.latencies, quantile: percentile.quantile, nanosecondsPerUnit: unit)
            metrics.append(Metric(percentile.name, Double(value) / unit, interval: interval))
        }
        if let max = total.latencies.max {
            metrics.append(Metric("max_ms", Double(max) / unit,
                                  interval: windowInterval { $0.latencies.max.map { Double($0) / unit } } ?? .undetermined(reason: Self.oneRunReason)))
        }
        if let mean = total.latencies.mean {
            metrics.append(Metric("mean_ms", mean / unit,
                                  interval: windowInterval { $0.latencies.mean.map { $0 / unit } } ?? .undetermined(reason: Self.oneRunReason)))
        }
        return metrics
    }

    /// With several windows, a metric's interval is the order-statistic interval of the median of
    /// its values in the windows, which are independent; nil with one window.
    private func windowInterval(_ value: (LoadTally) -> Double?) -> IntervalEstimate? {
        guard windows.count >= 2 else { return nil }
        let values = windows.compactMap(value).sorted()
        guard values.count == windows.count else { return .undetermined(reason: "a window measured no successful request") }
        return .quantile(sortedSample: values, quantile: 0.5)
    }

    private func evidence(_ total: LoadTally) -> Evidence {
        var evidence = Evidence([("requests", total.requests), ("errors", total.failed)])
        for kind in LoadErrorKind.allCases where total[kind] > 0 { evidence[kind.evidenceName] = total[kind] }
        if windows.count > 1 { evidence["windows"] = windows.count }
        return evidence
    }

    private func summary(_ total: LoadTally) -> String {
        var text = "\(total.requests) requests, \(total.failed) failed"
        if total.succeeded > 0, let p50 = total.latencies.value(atQuantile: 0.5), let p99 = total.latencies.value(atQuantile: 0.99) {
            let ms = { (ns: UInt64) in HumanNumber.format((Double(ns) / Self.nanosecondsPerMillisecond * 1000).rounded() / 1000) }
            text += "; p50 \(ms(p50)) ms, p99 \(ms(p99)) ms, \(HumanNumber.format(total.throughput.rounded())) req/s"
        }
        return text + " (\(client))"
    }
}
