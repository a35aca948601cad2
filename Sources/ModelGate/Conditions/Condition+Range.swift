/// Conditions that cannot decide anything: `accuracy: "< 150%"` passes every model and
/// `>= -1e300` too, so a gate written that way checks nothing while looking like a check.
extension Condition {
    /// No threshold of a real metric is this large; one that is was a typo or a trick.
    public static let largestThreshold = 1e15

    /// Why this condition cannot fail (or cannot pass) for any value in `range`; nil when some
    /// value passes and some fails. A condition on the baseline is judged at run time.
    public func vacuity(over range: MetricRange?) -> String? {
        let threshold: Double
        switch bound {
        case .value(let value): threshold = value
        case .baseline(.none): return nil
        case .baseline(.plus(let x)), .baseline(.minus(let x)), .baseline(.times(let x)):
            guard x.isFinite, abs(x) < Self.largestThreshold else { return "the adjustment in \(text) is beyond any value a metric takes" }
            return nil
        }
        guard threshold.isFinite, abs(threshold) < Self.largestThreshold else {
            return "the threshold \(text) is beyond any value a metric takes"
        }
        guard let range else { return nil }
        let low = range.lowerBound, high = range.upperBound
        let always: Bool, never: Bool
        switch op {
        case .greaterOrEqual: always = threshold <= low; never = threshold > high
        case .greater: always = threshold < low; never = threshold >= high
        case .lessOrEqual: always = threshold >= high; never = threshold < low
        case .less: always = threshold > high; never = threshold <= low
        case .equal: always = low == high && threshold == low; never = threshold < low || threshold > high
        case .notEqual: always = threshold < low || threshold > high; never = low == high && threshold == low
        }
        if always { return "every possible value \(Self.describe(range)) passes \(text): the check can never fail" }
        if never { return "no possible value \(Self.describe(range)) passes \(text): the check can never pass" }
        return nil
    }

    private static func describe(_ range: MetricRange) -> String {
        func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(x) }
        if range.upperBound == .greatestFiniteMagnitude { return "(at least \(number(range.lowerBound)))" }
        if range.lowerBound == -.greatestFiniteMagnitude { return "(at most \(number(range.upperBound)))" }
        return "(from \(number(range.lowerBound)) to \(number(range.upperBound)))"
    }
}
