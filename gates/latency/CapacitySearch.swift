import ModelGate

/// `mode: capacity`: steps the arrival rate up until a step breaks the objective or the error
/// budget, and reports the highest rate that held, with the curve of every step tried.
struct CapacitySearch {
    var options: LatencyOptions
    var plan: CapacityPlan
    var context: GateContext

    /// One step tried: its rate, what it measured, and why it broke (nil when it held).
    struct Step {
        var rate: Double
        var tally: LoadTally
        var broke: String?
    }

    func run(on target: any LoadTarget) async throws -> GateOutcome {
        var steps: [Step] = []
        guard case .openLoop(_, let maxInFlight) = options.arrival else { preconditionFailure("capacity runs open loops") }
        for rate in plan.rates {
            let window = LoadWindow(arrival: .openLoop(rate: rate, maxInFlight: maxInFlight),
                                    stop: StopRule(requests: nil, duration: plan.stepDuration),
                                    warmup: options.warmup, requestTimeout: options.requestTimeout)
            let tally = try await target.measure(window).tally
            let step = Step(rate: rate, tally: tally, broke: try brokenObjective(tally))
            context.log.write(describe(step))
            steps.append(step)
            if step.broke != nil { break }
        }
        return try outcome(steps, client: target.client)
    }

    /// Why a step broke the objective or the error budget; nil when it held.
    func brokenObjective(_ tally: LoadTally) throws -> String? {
        guard tally.requests > 0 else { return "no request was measured" }
        let errorRate = Double(tally.failed) / Double(tally.requests)
        if errorRate > options.maxErrorRate.fraction {
            return "error rate \(HumanNumber.format(errorRate)) is over max_error_rate \(options.maxErrorRate.optionText)"
        }
        for (metric, condition) in plan.objective {
            guard let value = Self.value(metric, of: tally) else {
                return "\(metric) is undefined: no request succeeded"
            }
            guard let threshold = condition.threshold(baseline: nil), condition.op.holds(value, threshold) else {
                return "\(metric) \(HumanNumber.format(value)) breaks '\(condition.text)'"
            }
        }
        return nil
    }

    /// A metric an objective can name, from one step's tally.
    static func value(_ metric: String, of tally: LoadTally) -> Double? {
        let unit = LatencyOutcome.nanosecondsPerMillisecond
        switch metric {
        case "error_rate": return tally.requests == 0 ? nil : Double(tally.failed) / Double(tally.requests)
        case "max_ms": return tally.latencies.max.map { Double($0) / unit }
        case "mean_ms": return tally.latencies.mean.map { $0 / unit }
        default:
            guard let quantile = LatencyMetricSpecs.percentiles.first(where: { $0.name == metric })?.quantile else { return nil }
            return tally.latencies.value(atQuantile: quantile).map { Double($0) / unit }
        }
    }

    private func describe(_ step: Step) -> String {
        let unit = LatencyOutcome.nanosecondsPerMillisecond
        let ms = { (q: Double) in step.tally.latencies.value(atQuantile: q).map { HumanNumber.format(Double($0) / unit) } ?? "-" }
        let verdict = step.broke.map { "broke: \($0)" } ?? "held"
        return "capacity step \(HumanNumber.format(step.rate))/s: \(step.tally.requests) requests, \(step.tally.failed) failed, "
            + "p50 \(ms(0.5)) ms, p95 \(ms(0.95)) ms, p99 \(ms(0.99)) ms, \(HumanNumber.format(step.tally.throughput.rounded())) req/s: \(verdict)"
    }

    private func outcome(_ steps: [Step], client: String) throws -> GateOutcome {
        // The capacity is the last rate of the unbroken run of steps from the first.
        let held = steps.prefix { $0.broke == nil }
        let capacity = held.last?.rate ?? 0
        var metrics = [Metric("capacity_rps", capacity)]
        for step in steps {
            let label = "[rate=\(HumanNumber.format(step.rate))]"
            for name in LatencyMetricSpecs.curveMetrics {
                let value = name == "throughput_rps" ? step.tally.throughput : Self.value(name, of: step.tally)
                if let value { metrics.append(Metric(name + label, value)) }
            }
        }
        let requests = steps.reduce(0) { $0 + $1.tally.requests }
        let failed = steps.reduce(0) { $0 + $1.tally.failed }
        var summary = "capacity \(HumanNumber.format(capacity)) requests/s"
        if let broken = steps.last, let reason = broken.broke {
            summary += "; \(HumanNumber.format(broken.rate))/s broke: \(reason)"
        } else {
            summary += " (max_rate reached with the objective held)"
        }
        return GateOutcome(metrics: metrics, evidence: Evidence([("requests", requests), ("errors", failed), ("steps", steps.count)]),
                           summary: summary + " (\(client))")
    }
}
