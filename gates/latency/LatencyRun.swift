import ModelGate
import Predictors

/// One run of the latency gate's load: its windows (one per repeat) on one target, for the whole
/// run or one shard's share of it.
struct LatencyRun {
    var options: LatencyOptions
    var context: GateContext
    var shard: Shard?

    /// The windows' tallies, and why the load stopped early if it did (a window that stops early
    /// ends the run: a lost threshold stays lost).
    func measureWindows(on target: any LoadTarget) async throws -> [LoadTally] {
        let window = try shardWindow()
        var tallies: [LoadTally] = []
        for repeatIndex in 1...options.repeats {
            var plan = window
            if options.abortOnFail, let planned = plan.stop.plannedRequests(plan.arrival) {
                plan.earlyStop = EarlyStop(limits: context.limits, errorBudget: options.maxErrorRate, planned: planned)
            }
            let result = try await target.measure(plan)
            tallies.append(result.tally)
            if let reason = result.stoppedEarly {
                context.log.write("abort_on_fail: stopped the load in window \(repeatIndex) after \(result.tally.requests) requests: \(reason)")
                break
            }
        }
        return tallies
    }

    /// The load one window sends: as configured, or this shard's share of it.
    func shardWindow() throws -> LoadWindow {
        var arrival = options.arrival
        var stop = options.stop
        if let shard {
            switch arrival {
            case .openLoop(let rate, let maxInFlight):
                arrival = .openLoop(rate: rate / Double(shard.count), maxInFlight: maxInFlight)
            case .closedLoop(let concurrency):
                guard concurrency >= shard.count else {
                    throw GateFailure("'concurrency: \(concurrency)' cannot be shared by \(shard.count) shards; each needs at least one request in flight")
                }
                arrival = .closedLoop(concurrency: Self.share(concurrency, of: shard))
            }
            if let requests = stop.requests {
                guard requests >= shard.count else {
                    throw GateFailure("'requests: \(requests)' cannot be shared by \(shard.count) shards")
                }
                stop.requests = Self.share(requests, of: shard)
            }
        }
        return LoadWindow(arrival: arrival, stop: stop, warmup: options.warmup, requestTimeout: options.requestTimeout)
    }

    /// Shard K's part of `total`: the parts differ by at most one and add up to `total`.
    static func share(_ total: Int, of shard: Shard) -> Int {
        total / shard.count + (shard.index <= total % shard.count ? 1 : 0)
    }

    /// The load as configured, so that a merge can tell states of different loads apart.
    var loadDescription: String {
        var parts: [String] = []
        switch options.arrival {
        case .closedLoop(let concurrency): parts.append("concurrency \(concurrency)")
        case .openLoop(let rate, let maxInFlight): parts.append("rate \(HumanNumber.format(rate))/s, at most \(maxInFlight) in flight")
        }
        if let requests = options.stop.requests { parts.append("\(requests) requests") }
        if let duration = options.stop.duration { parts.append("for \(duration.optionText)") }
        parts.append("\(options.repeats) windows")
        return parts.joined(separator: ", ")
    }
}
