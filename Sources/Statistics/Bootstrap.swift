/// Percentile intervals of bootstrap replicates (the accuracy gate draws its own, by block).
public enum Bootstrap {
    /// The percentile interval: the (1 - confidence)/2 and (1 + confidence)/2 quantiles of the
    /// replicates, interpolated as numpy's default `percentile` does. Nil when there are no
    /// replicates or one is not finite: a statistic undefined (NaN) or overflowing (an infinite
    /// squared error) on some resample has no interval.
    public static func percentileInterval(replicates: [Double], confidence: Double) -> ClosedRange<Double>? {
        guard replicates.allSatisfy(\.isFinite) else { return nil }
        return percentileInterval(sortedReplicates: replicates.sorted(), confidence: confidence)
    }

    /// As `percentileInterval(replicates:confidence:)`, for replicates already sorted
    /// ascending and free of NaN: for callers that ask for many confidences, such as
    /// `IntervalInversion`. Nil when empty or not finite (interpolating an infinity gives NaN).
    public static func percentileInterval(sortedReplicates sorted: [Double], confidence: Double) -> ClosedRange<Double>? {
        precondition(confidence > 0 && confidence < 1, "confidence must be in (0, 1), got \(confidence)")
        guard let first = sorted.first, let last = sorted.last, first.isFinite, last.isFinite else { return nil }
        let alpha = 1 - confidence
        return percentile(sorted: sorted, alpha / 2)...percentile(sorted: sorted, 1 - alpha / 2)
    }

    /// numpy's "linear" quantile (Hyndman & Fan type 7) of sorted values, for 0 <= p <= 1.
    static func percentile(sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let below = min(Int(position.rounded(.down)), sorted.count - 1)
        let above = min(below + 1, sorted.count - 1)
        let t = position - Double(below)
        let a = sorted[below], b = sorted[above]
        // numpy's lerp: from the nearer end, which keeps the result within [a, b] and exact
        // at t = 1.
        return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t)
    }
}
