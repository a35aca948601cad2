import Statistics

/// One measured value, with how to get a confidence interval for it at any confidence.
public struct Metric: Sendable {
    public var name: String
    public var value: Double
    public var interval: IntervalEstimate?

    public init(_ name: String, _ value: Double, interval: IntervalEstimate? = nil) {
        self.name = name
        self.value = value
        self.interval = interval
    }
}

/// What an interval of a metric can be computed from. The engine asks for intervals at several
/// confidences (to apply Holm's adjustment), so gates hand over the evidence, not one interval.
public enum IntervalEstimate: Sendable {
    /// A proportion: Wilson score interval.
    case proportion(successes: Int, trials: Int)
    /// Replicates of the statistic (a seeded bootstrap): percentile interval.
    case replicates([Double])
    /// The `quantile` of a sorted sample: distribution-free order-statistic interval.
    case quantile(sortedSample: [Double], quantile: Double)
    /// The `quantile` of the values a latency histogram recorded (nanoseconds), shown in units of
    /// `nanosecondsPerUnit` (1e6 for milliseconds): order-statistic interval on the buckets.
    case latencyQuantile(LatencyHistogram, quantile: Double, nanosecondsPerUnit: Double)
    /// An interval known at one confidence only (an external plug-in's); used as given.
    case fixed(ClosedRange<Double>)
    /// The metric should have an interval, but the data is too thin for an honest one (a
    /// bootstrap of eight rows gives [1, 1]): a check decided on intervals stays inconclusive.
    case undetermined(reason: String)
}

/// Counts that say what a gate measured and on how much: `rows`, `requests`, `files_scanned`.
public struct Evidence: Sendable, Equatable {
    public var entries: [(name: String, value: Int)]

    public init(_ entries: [(name: String, value: Int)] = []) { self.entries = entries }

    public static func == (lhs: Evidence, rhs: Evidence) -> Bool {
        lhs.entries.map(\.name) == rhs.entries.map(\.name) && lhs.entries.map(\.value) == rhs.entries.map(\.value)
    }

    public subscript(name: String) -> Int? {
        get { entries.first { $0.name == name }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }

    /// Evidence of nothing: no counts, or only zeros (skipped-row counts do not count as measured).
    public var measuredNothing: Bool {
        !entries.contains { $0.value > 0 && !$0.name.hasPrefix("skipped") }
    }
}
