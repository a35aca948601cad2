/// p-values from confidence intervals, so that Holm can adjust interval decisions.
public enum IntervalInversion {
    /// Where the whole interval must lie for the check to be decided.
    public enum Side: Sendable {
        /// Every value of the interval is above the threshold (lower bound > threshold).
        case above
        /// Every value of the interval is below the threshold (upper bound < threshold).
        case below
    }

    /// The smallest alpha at which the (1 - alpha) interval still lies strictly on `side` of
    /// `threshold`, found by bisection to within `tolerance` and rounded up, so that the
    /// interval at 1 - p is known to exclude the threshold. 1 when even the interval at
    /// confidence `tolerance` does not. For a non-strict comparison, pass the threshold's
    /// `nextDown` (above) or `nextUp` (below).
    ///
    /// `interval(confidence)` must widen as confidence grows (all intervals of this target
    /// do); nil means no interval at that confidence and counts as not excluding, which is
    /// consistent, since intervals disappear only at high confidence.
    public static func pValue(
        excluding threshold: Double, side: Side, tolerance: Double = 1e-6,
        interval: (_ confidence: Double) throws -> ClosedRange<Double>?
    ) rethrows -> Double {
        precondition(tolerance > 0 && tolerance < 0.5, "tolerance must be in (0, 0.5), got \(tolerance)")
        func excludes(alpha: Double) throws -> Bool {
            guard let range = try interval(1 - alpha) else { return false }
            switch side {
            case .above: return range.lowerBound > threshold
            case .below: return range.upperBound < threshold
            }
        }
        // Excluded at alpha implies excluded at every larger alpha (narrower interval), so
        // the set of excluding alphas is an interval [p, 1) and bisection finds its end.
        var notExcluding = 0.0, excluding = 1 - tolerance
        guard try excludes(alpha: excluding) else { return 1 }
        while excluding - notExcluding > tolerance {
            let mid = (notExcluding + excluding) / 2
            if try excludes(alpha: mid) { excluding = mid } else { notExcluding = mid }
        }
        return excluding
    }
}
