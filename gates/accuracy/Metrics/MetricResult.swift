/// One computed metric: its value or why it is undefined, and what an interval of it needs.
public struct MetricResult: Sendable, Equatable {
    /// Successes out of trials, for a Wilson interval of a metric that is a proportion.
    public struct Proportion: Sendable, Equatable {
        public var successes: Int
        public var trials: Int
    }

    /// snake_case, as in reports and thresholds: `f1`, `roc_auc`, `precision_macro`.
    public let name: String
    /// `nil` when the metric is undefined on this data (then `undefinedReason` says why).
    public let value: Double?
    /// Why there is no value, phrased to follow "<name> is undefined: ".
    public let undefinedReason: String?
    /// Present for proportion metrics (accuracy, precision, recall, micro averages).
    public let proportion: Proportion?
    /// `|value - exact value| <= errorBound`; 0 when the value is exact (see `ScoreRanking`).
    public let errorBound: Double

    public var isDefined: Bool { value != nil }

    static func defined(_ name: String, _ value: Double, proportion: Proportion? = nil,
                        errorBound: Double = 0) -> MetricResult {
        MetricResult(name: name, value: value, undefinedReason: nil, proportion: proportion, errorBound: errorBound)
    }

    static func proportion(_ name: String, successes: Int, trials: Int) -> MetricResult {
        // scikit-learn's zero_division=0: an empty denominator gives 0, not an undefined value.
        let value = trials == 0 ? 0 : Double(successes) / Double(trials)
        return defined(name, value, proportion: Proportion(successes: successes, trials: trials))
    }

    static func undefined(_ name: String, _ reason: String) -> MetricResult {
        MetricResult(name: name, value: nil, undefinedReason: reason, proportion: nil, errorBound: 0)
    }
}

extension Array where Element == MetricResult {
    /// The metric called `name`, if this list has it.
    public subscript(named name: String) -> MetricResult? {
        first { $0.name == name }
    }
}
