import ModelGate

/// What the latency gate can report, and which of its metrics a configured gate reports.
enum LatencyMetricSpecs {
    /// The percentiles reported, by metric name and quantile.
    static let percentiles: [(name: String, quantile: Double)] = [
        ("p50_ms", 0.50), ("p90_ms", 0.90), ("p95_ms", 0.95), ("p99_ms", 0.99), ("p999_ms", 0.999),
    ]

    static let load: [MetricSpec] = percentiles.map { percentile in
        MetricSpec(percentile.name, "\(HumanNumber.format(percentile.quantile * 100))th percentile of the latency of successful requests, in milliseconds, from each request's intended start")
    } + [
        MetricSpec("max_ms", "The slowest successful request, in milliseconds"),
        MetricSpec("mean_ms", "The mean latency of successful requests, in milliseconds"),
        MetricSpec("throughput_rps", "Successful requests per second over the measured time (summed over shards, which run at the same time)"),
        MetricSpec("error_rate", "Failed requests (connect, timeout, closed, 4xx, 5xx, invalid answer, wrong answer count) over all measured requests"),
    ]

    /// The metrics `mode: capacity` reports: the capacity, and the curve of every step tried.
    static let capacity: [MetricSpec] = [
        MetricSpec("capacity_rps", "mode: capacity: the highest arrival rate at which every step up to it held the objective and the error budget (0 when the first step broke)"),
    ] + curveMetrics.map { name in
        MetricSpec("\(name)[*]", "mode: capacity: \(name) of the step at one rate, like \(name)[rate=100]")
    }

    /// The metrics reported per capacity step.
    static let curveMetrics = ["p50_ms", "p95_ms", "p99_ms", "error_rate", "throughput_rps"]

    static let all: [MetricSpec] = load + capacity

    static func reported(by options: LatencyOptions) -> [MetricSpec] {
        options.capacity == nil ? load : capacity
    }
}
