import Testing
import Statistics

struct BinomialDistributionTests {
    // Relative accuracy in the bulk and in both tails, far from and near zero.
    @Test(arguments: Fixture.shared.binomial)
    func cdfAndSurvivalMatchExactValues(_ reference: Fixture.Binomial) {
        let cdf = BinomialDistribution.cdf(reference.k, trials: reference.n, probability: reference.p)
        let sf = BinomialDistribution.survival(reference.k, trials: reference.n, probability: reference.p)
        #expect(close(cdf, reference.exactCdf, relative: 1e-13), "\(reference): cdf \(cdf)")
        #expect(close(sf, reference.exactSf, relative: 1e-13), "\(reference): sf \(sf)")
    }

    // scipy's values carry its own error, up to 3e-10 relative at n = 1e7 and p = 1e-6.
    @Test(arguments: Fixture.shared.binomial)
    func cdfAndSurvivalMatchScipy(_ reference: Fixture.Binomial) {
        let cdf = BinomialDistribution.cdf(reference.k, trials: reference.n, probability: reference.p)
        let sf = BinomialDistribution.survival(reference.k, trials: reference.n, probability: reference.p)
        #expect(close(cdf, reference.cdf, relative: 1e-9), "\(reference): cdf \(cdf)")
        #expect(close(sf, reference.sf, relative: 1e-9), "\(reference): sf \(sf)")
    }

    @Test func pmfSumsToTheCDF() {
        let n = 40, p = 0.83
        var sum = 0.0
        for k in 0..<n {
            sum += BinomialDistribution.pmf(k, trials: n, probability: p)
            #expect(close(BinomialDistribution.cdf(k, trials: n, probability: p), sum, relative: 1e-13))
        }
        #expect(BinomialDistribution.pmf(-1, trials: n, probability: p) == 0)
        #expect(BinomialDistribution.pmf(n + 1, trials: n, probability: p) == 0)
    }

    @Test func cdfMatchesADirectSumOfTerms() {
        // Small n, summed in exact-ish arithmetic: an oracle independent of the fixture.
        let n = 30, p = 0.37
        var term = pow1p(-p, n)  // P(B = 0)
        var sum = 0.0
        for k in 0..<n {
            sum += term
            #expect(close(BinomialDistribution.cdf(k, trials: n, probability: p), sum, relative: 1e-13))
            term *= Double(n - k) / Double(k + 1) * p / (1 - p)
        }
    }

    @Test func cdfHandlesDegenerateArguments() {
        #expect(BinomialDistribution.cdf(-1, trials: 10, probability: 0.5) == 0)
        #expect(BinomialDistribution.cdf(10, trials: 10, probability: 0.5) == 1)
        #expect(BinomialDistribution.cdf(0, trials: 0, probability: 0.5) == 1)
        #expect(BinomialDistribution.cdf(0, trials: 10, probability: 0) == 1)
        #expect(BinomialDistribution.cdf(9, trials: 10, probability: 1) == 0)
        #expect(BinomialDistribution.survival(9, trials: 10, probability: 1) == 1)
    }

    @Test func tenMillionTrialsAreFast() {
        let start = ContinuousClock.now
        for k in stride(from: 9_890_000, to: 9_910_000, by: 1000) {
            _ = BinomialDistribution.cdf(k, trials: 10_000_000, probability: 0.99)
        }
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    private func pow1p(_ x: Double, _ n: Int) -> Double {
        (0..<n).reduce(1.0) { product, _ in product * (1 + x) }
    }
}
