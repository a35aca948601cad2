// With B ~ Binomial(n, q) the number of observations at or below the true q-quantile ξ,
// P(X_(l) <= ξ <= X_(u)) >= P(l <= B <= u - 1) for any population, with equality when it
// is continuous (Conover, Practical Nonparametric Statistics, 3rd ed., §3.2; Hahn & Meeker,
// Statistical Intervals). The ranks are chosen equal-tailed and conservative: the largest l
// with P(B <= l - 1) <= α/2 and the smallest u with P(B >= u) <= α/2, where α = 1 - confidence.
// When one tail cannot get down to α/2 even at the extreme rank (l = 1 or u = n, as for a
// high quantile of a small sample), that rank is used and the other tail gets the rest of
// α, so an interval exists whenever the widest one, (X_(1), X_(n)), reaches `confidence`.
// The budgets grow continuously with α, so the intervals are nested in confidence, which
// `IntervalInversion` relies on. The ranks depend only on n, q and confidence, never on
// the data, which is what makes the coverage hold.

/// Distribution-free confidence intervals for a quantile, from order statistics.
public enum QuantileInterval {
    /// The 1-based ranks l < u of the order statistics bounding the `quantile` (in (0, 1))
    /// of a sample of `n` with at least `confidence` coverage; nil when n is too small for
    /// any interval at that confidence.
    public static func ranks(n: Int, quantile q: Double, confidence: Double) -> (lower: Int, upper: Int)? {
        precondition(n >= 0, "n must be >= 0, got \(n)")
        precondition(q > 0 && q < 1, "quantile must be in (0, 1), got \(q)")
        precondition(confidence > 0 && confidence < 1, "confidence must be in (0, 1), got \(confidence)")
        guard n >= 2 else { return nil }
        let alpha = 1 - confidence
        // The tails left out by the widest interval: P(B = 0) below X_(1), P(B = n) above X_(n).
        let lowestLower = BinomialDistribution.cdf(0, trials: n, probability: q)
        let lowestUpper = BinomialDistribution.survival(n - 1, trials: n, probability: q)
        guard lowestLower + lowestUpper <= alpha else { return nil }
        var lowerBudget = alpha / 2
        var upperBudget = alpha / 2
        if lowestUpper > upperBudget {
            upperBudget = lowestUpper
            lowerBudget = alpha - lowestUpper
        } else if lowestLower > lowerBudget {
            lowerBudget = lowestLower
            upperBudget = alpha - lowestLower
        }
        // P(B <= l - 1) grows with l: the last l within budget, searched in 1...n.
        let lower = lastRank(in: 1...n) { l in
            BinomialDistribution.cdf(l - 1, trials: n, probability: q) <= lowerBudget
        }
        // P(B >= u) shrinks as u grows: the first u within budget.
        let upper = firstRank(in: 1...n) { u in
            BinomialDistribution.survival(u - 1, trials: n, probability: q) <= upperBudget
        }
        guard let lower, let upper, lower < upper else { return nil }
        return (lower, upper)
    }

    /// The values of those order statistics in an ascending `sorted` sample.
    public static func interval(sorted: [Double], quantile q: Double, confidence: Double) -> ClosedRange<Double>? {
        guard let (l, u) = ranks(n: sorted.count, quantile: q, confidence: confidence) else { return nil }
        return sorted[l - 1]...sorted[u - 1]
    }

    /// The largest r in `range` satisfying `holds`, where `holds` is true up to some rank and
    /// false after it; nil if it holds nowhere. Binary search: each test is a CDF evaluation.
    private static func lastRank(in range: ClosedRange<Int>, _ holds: (Int) -> Bool) -> Int? {
        guard holds(range.lowerBound) else { return nil }
        var good = range.lowerBound, bad = range.upperBound + 1
        while bad - good > 1 {
            let mid = good + (bad - good) / 2
            if holds(mid) { good = mid } else { bad = mid }
        }
        return good
    }

    /// The smallest r in `range` satisfying `holds`, where `holds` is false up to some rank
    /// and true after it; nil if it holds nowhere.
    private static func firstRank(in range: ClosedRange<Int>, _ holds: (Int) -> Bool) -> Int? {
        guard holds(range.upperBound) else { return nil }
        var bad = range.lowerBound - 1, good = range.upperBound
        while good - bad > 1 {
            let mid = bad + (good - bad) / 2
            if holds(mid) { good = mid } else { bad = mid }
        }
        return good
    }
}
