#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Why summation and not the incomplete-beta continued fraction (Numerical Recipes' betacf):
// tried first, the fraction lost digits where one parameter is large, since each step
// cancels (7e-13 relative at n = 1e5, worse at 1e7). Summing the smaller tail outward from
// k, from Loader's pmf and re-anchored on it every 64 terms, stays within 2e-14 of 40-digit
// values up to n = 1e7, and needs about 9 standard deviations of terms: O(sqrt(n p q)),
// some 14,000 steps or 25 µs at n = 1e7, p = 1/2.

/// The binomial distribution's exact CDF and survival function.
public enum BinomialDistribution {
    /// P(B <= k) for B ~ Binomial(trials, probability).
    public static func cdf(_ k: Int, trials: Int, probability p: Double) -> Double {
        tails(k, trials: trials, probability: p).atMost
    }

    /// P(B > k), computed directly rather than as 1 - cdf, so that small upper tails keep
    /// their relative accuracy.
    public static func survival(_ k: Int, trials: Int, probability p: Double) -> Double {
        tails(k, trials: trials, probability: p).above
    }

    /// P(B = k), by Loader (2000), "Fast and accurate computation of binomial probabilities".
    public static func pmf(_ k: Int, trials n: Int, probability p: Double) -> Double {
        check(n, p)
        guard k >= 0 && k <= n else { return 0 }
        if p == 0 { return k == 0 ? 1 : 0 }
        if p == 1 { return k == n ? 1 : 0 }
        return Terms(n: n, p: p).pmf(k)
    }

    static func tails(_ k: Int, trials n: Int, probability p: Double) -> (atMost: Double, above: Double) {
        check(n, p)
        if k < 0 { return (0, 1) }
        if k >= n { return (1, 0) }
        if p == 0 { return (1, 0) }
        if p == 1 { return (0, 1) }
        let terms = Terms(n: n, p: p)
        // The pmf rises up to the mode and falls after it, so the tail away from the mode
        // has falling terms from k outward: sum that one and take the other as complement.
        let mode = Int((Double(n) + 1) * p)
        if k < mode {
            let below = terms.tailSum(from: k, step: -1)
            return (below, 1 - below)
        }
        let above = terms.tailSum(from: k + 1, step: 1)
        return (1 - above, above)
    }

    /// The pmf of one Binomial(n, p), 0 < p < 1, and sums of it.
    private struct Terms {
        let n: Int, p: Double, q: Double
        /// n p and n (1 - p) as double-doubles (value + error). A rounding of n p by half an
        /// ulp, 2e-10 at n p = 3e6, would move the far-tail pmf by 1e-12; and 1 - p itself is
        /// inexact for p < 0.5.
        let np: (value: Double, error: Double), nq: (value: Double, error: Double)

        init(n: Int, p: Double) {
            self.n = n
            self.p = p
            q = 1 - p
            let nn = Double(n)
            // (1 - p) - q: 1 - q is exact for q >= 0.5 (Sterbenz), and so is its difference from p.
            let qError = p < 0.5 ? (1 - q) - p : 0
            let npValue = nn * p, nqValue = nn * q
            np = (npValue, (-npValue).addingProduct(nn, p))
            nq = (nqValue, (-nqValue).addingProduct(nn, q) + nn * qError)
        }

        /// Σ pmf(j) for j = start, start + step, ... within 0...n, stopping once the rest is
        /// certainly negligible: the terms fall ever faster (the pmf is log-concave), so the
        /// rest is at most term · r / (1 - r) for the current ratio r.
        func tailSum(from start: Int, step: Int) -> Double {
            var j = start
            var term = pmf(j)
            var sum = 0.0
            var sinceAnchor = 0
            while true {
                sum += term
                let next = j + step
                guard next >= 0 && next <= n, term > 0 else { return sum }
                let ratio = step > 0
                    ? Double(n - j) * p / (Double(next) * q)
                    : Double(j) * q / (Double(n - next) * p)
                sinceAnchor += 1
                // The recurrence gathers a rounding per step; re-anchor on the exact pmf.
                if sinceAnchor == 64 {
                    term = pmf(next)
                    sinceAnchor = 0
                } else {
                    term *= ratio
                }
                j = next
                if ratio < 1 && term * ratio / (1 - ratio) < sum * 0x1p-55 { return sum + term }
            }
        }

        /// Loader's saddle-point form: every term is small or computed stably, where lgamma
        /// differences would cancel away eight digits at n = 1e7.
        func pmf(_ k: Int) -> Double {
            let nn = Double(n)
            // q^n and p^n: log1p keeps the digits of a base near 1.
            if k == 0 { return exp(nn * (p < 0.5 ? log1p(-p) : log(q))) }
            if k == n { return exp(nn * (q < 0.5 ? log1p(-q) : log(p))) }
            let x = Double(k), y = Double(n - k)
            let exponent = stirlingRemainder(nn) - stirlingRemainder(x) - stirlingRemainder(y)
                - deviance(x, np) - deviance(y, nq)
            return exp(exponent) * (nn / (2 * Double.pi * x * y)).squareRoot()
        }

        /// D(u, v + e) to first order in the small e: ∂D/∂v = 1 - u/v.
        private func deviance(_ u: Double, _ v: (value: Double, error: Double)) -> Double {
            BinomialDistribution.deviance(u, v.value) + v.error * (1 - u / v.value)
        }
    }

    /// u log(u/v) + v - u for u, v > 0. The direct formula cancels unless u/v is far from 1
    /// (it loses a factor 2.5 at u/v = 3 or 1/3), so within that range it is the series
    /// r (u - v) + 2u Σ r^(2j+1)/(2j+1) in r = (u - v)/(u + v), |r| < 1/2, which has no
    /// cancellation to speak of and needs some 30 terms at most. (Loader's 0.1 for the switch
    /// left 1e-13 errors at u/v = 1.24.)
    static func deviance(_ u: Double, _ v: Double) -> Double {
        guard abs(u - v) < 0.5 * (u + v) else { return u * log(u / v) + v - u }
        let r = (u - v) / (u + v)
        var sum = (u - v) * r
        var term = 2 * u * r
        var j = 1.0
        while true {
            term *= r * r
            let next = sum + term / (2 * j + 1)
            if next == sum { return sum }
            sum = next
            j += 1
        }
    }

    /// δ(z) = lgamma(z) - [(z - 1/2) log z - z + log(2π)/2] for z > 0, which for integers
    /// is also log z! - log(sqrt(2πz) (z/e)^z).
    ///
    /// For z >= 10 the asymptotic series (Bernoulli numbers B2..B12), whose first omitted
    /// term is below 1e-15 there. Below 10, the recurrence
    /// δ(z) = δ(z + 1) + (z + 1/2) log1p(1/z) - 1 climbs to 10, one rounding per step.
    static func stirlingRemainder(_ z: Double) -> Double {
        var z = z
        var shift = 0.0
        while z < 10 {
            shift += (z + 0.5) * log1p(1 / z) - 1
            z += 1
        }
        let w = 1 / (z * z)
        let series = (1.0 / 12 - w * (1.0 / 360 - w * (1.0 / 1260 - w * (1.0 / 1680
            - w * (1.0 / 1188 - w * (691.0 / 360_360)))))) / z
        return series + shift
    }

    private static func check(_ n: Int, _ p: Double) {
        precondition(n >= 0, "trials must be >= 0, got \(n)")
        precondition(p >= 0 && p <= 1, "probability must be in [0, 1], got \(p)")
    }
}
