/// The Wilson score interval for a binomial proportion.
public enum Wilson {
    /// The two-sided Wilson score interval (no continuity correction) for `successes` out of
    /// `trials` at `confidence` (such as 0.95), as statsmodels' `proportion_confint(method:
    /// "wilson")` computes it; nil when there are no trials, since nothing was measured.
    ///
    /// At 0 successes the lower bound is exactly 0, at `trials` successes the upper bound is
    /// exactly 1: the formula gives those values in exact arithmetic, and a gate comparing
    /// against 0 or 1 must not see rounding noise.
    public static func interval(successes: Int, trials: Int, confidence: Double) -> ClosedRange<Double>? {
        precondition(trials >= 0 && successes >= 0 && successes <= trials,
                     "need 0 <= successes <= trials, got \(successes) of \(trials)")
        precondition(confidence > 0 && confidence < 1, "confidence must be in (0, 1), got \(confidence)")
        guard trials > 0 else { return nil }
        let n = Double(trials)
        let phat = Double(successes) / n
        // -quantile(α/2) rather than quantile(1 - α/2): no rounding of 1 - α/2 near 1.
        let z = -NormalDistribution.quantile((1 - confidence) / 2)
        let z2 = z * z
        let denominator = 1 + z2 / n
        let center = (phat + z2 / (2 * n)) / denominator
        let halfWidth = z * (phat * (1 - phat) / n + z2 / (4 * n * n)).squareRoot() / denominator
        let lower = successes == 0 ? 0 : max(0, center - halfWidth)
        let upper = successes == trials ? 1 : min(1, center + halfWidth)
        return lower...upper
    }
}
