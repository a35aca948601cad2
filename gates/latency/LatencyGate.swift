import Document
import ModelGate
import Predictors

/// `type: latency` — the candidate's serving latency, throughput and errors under a load like
/// the one it will serve, measured as wrk2 and k6 measure it and judged against thresholds.
public struct LatencyGate: MergeableGate {
    public static let descriptor = GateDescriptor(
        type: "latency",
        summary: "Loads the candidate's predictor or serving endpoint with requests made from a test set and checks latency, throughput and errors.",
        rationale: """
        A model that answers correctly but too slowly, or fails under load, breaks the service it \
        joins. This gate sends the candidate the load it is expected to serve, in a closed loop \
        (`concurrency`) or at a constant arrival rate (`rate`), counts every failure by its kind, and \
        records each latency from the request's intended start, so a server that stalls cannot hide \
        the requests it kept waiting (coordinated omission). Percentiles come from a mergeable \
        log-linear histogram (within 1/128 of the recorded value), so shards of a load run from \
        several CI machines add up exactly.
        """,
        options: LatencyOption.all,
        metrics: LatencyMetricSpecs.all,
        defaultTimeout: .seconds(600),
        examples: LatencyExamples.all,
        notes: [
            """
            **What a latency is.** From the request's intended start to the last byte of a complete, \
            valid answer. In a closed loop a request is due when the one before it on its slot is \
            answered; at a constant `rate` it is due at its place in the schedule, and waiting for a \
            free connection counts. Only successful requests have latencies; failures count in \
            `error_rate` and by kind in the evidence (`errors_timeout`, `errors_http_5xx`, ...), and \
            `max_error_rate` (default 0) fails the gate when more fail.
            """,
            """
            **Intervals.** With `decide: interval`, percentiles get order-statistic intervals over the \
            recorded latencies. Those assume independent requests, which requests of one run are not \
            (they share queues, caches and a warm server): the intervals are too narrow. Set \
            `repeats: 5` or more to measure independent windows; every metric's interval then comes \
            from the windows' values. `mean_ms`, `max_ms` and `throughput_rps` have intervals only then.
            """,
            """
            **Shards.** Under `modelgate run --shard K/N` each shard sends its share of the load \
            (rate / N, concurrency and requests split) to the same endpoint at the same time; \
            `modelgate merge` adds the histograms and counts, and the shards' throughputs. Start the \
            shards together: shards run at different times measure different loads.
            """,
        ])

    let options: LatencyOptions
    /// Where the options ask for the predictor (every latency gate loads the candidate's).
    private let location: SourceLocation

    public init(options: GateOptions) throws(ConfigError) {
        self.options = try LatencyOptions(options)
        location = options.node.location
    }

    public var reportedMetrics: [MetricSpec] { LatencyMetricSpecs.reported(by: options) }
    public var predictorRequest: SourceLocation? { location }

    public func run(_ context: GateContext) async throws -> GateOutcome {
        try await withTarget(context) { target in
            if let plan = options.capacity {
                return try await CapacitySearch(options: options, plan: plan, context: context).run(on: target)
            }
            let run = LatencyRun(options: options, context: context, shard: nil)
            let windows = try await run.measureWindows(on: target)
            return try LatencyOutcome(options: options, windows: windows, client: target.client, load: run.loadDescription)
                .outcome(gatedMetrics: context.gatedMetrics)
        }
    }

    public func measure(_ context: GateContext, shard: Shard) async throws -> ShardMeasurement {
        guard options.capacity == nil else {
            throw GateFailure("'mode: capacity' searches a rate from one machine and cannot be sharded; run it without --shard")
        }
        let run = LatencyRun(options: options, context: context, shard: shard)
        return try await withTarget(context) { target in
            let windows = try await run.measureWindows(on: target)
            let requests = windows.reduce(0) { $0 + $1.requests }
            let failed = windows.reduce(0) { $0 + $1.failed }
            return ShardMeasurement(state: LatencyState(load: run.loadDescription, windows: windows).encoded(),
                                    evidence: Evidence([("requests", requests), ("errors", failed)]),
                                    summary: "\(requests) requests of shard \(shard), \(failed) failed")
        }
    }

    public func merge(_ states: [GateState], _ context: GateContext) async throws -> GateOutcome {
        let expectedLoad = LatencyRun(options: options, context: context, shard: nil).loadDescription
        var windows: [LoadTally]?
        for (index, state) in states.enumerated() {
            let name = state.origin?.description ?? "shard \(index + 1)"
            let shard = try LatencyState(state, name: name)
            guard shard.load == expectedLoad else {
                throw GateFailure("\(name) measured another load (\(shard.load)) than this gate configures (\(expectedLoad))")
            }
            guard shard.windows.count <= options.repeats else {
                throw GateFailure("\(name) measured \(shard.windows.count) windows; this gate has 'repeats: \(options.repeats)'")
            }
            guard var merged = windows else {
                windows = shard.windows
                continue
            }
            // A shard that stopped early (abort_on_fail) has fewer windows: the run stops there too.
            merged = Array(merged.prefix(shard.windows.count))
            for index in merged.indices { try merged[index].addConcurrent(shard.windows[index]) }
            windows = merged
        }
        guard let windows else { throw GateFailure("no shard states to merge") }
        return try LatencyOutcome(options: options, windows: windows, client: "the shards' clients", load: expectedLoad)
            .outcome(gatedMetrics: context.gatedMetrics)
    }

    /// Runs `body` on the gate's target and closes the target whatever happens.
    private func withTarget<Result>(_ context: GateContext, _ body: (any LoadTarget) async throws -> Result) async throws -> Result {
        let target = try await LoadTargets.make(options, context: context)
        do {
            let result = try await body(target)
            await target.close()
            return result
        } catch {
            await target.close()
            throw error
        }
    }
}
