import Testing
import Statistics

struct QuantileIntervalTests {
    @Test(arguments: Fixture.shared.quantileInterval)
    func ranksMatchTheReferenceConstruction(_ reference: Fixture.QuantileInterval) {
        let ranks = QuantileInterval.ranks(n: reference.n, quantile: reference.quantile, confidence: reference.confidence)
        #expect(ranks?.lower == reference.lower && ranks?.upper == reference.upper,
                "\(reference): got \(String(describing: ranks))")
    }

    // The property the construction exists for, checked with the binomial CDF directly.
    @Test(arguments: [10, 45, 100, 299, 1000, 12_345, 1_000_000])
    func achievedCoverageReachesTheConfidence(n: Int) {
        for q in [0.5, 0.9, 0.95, 0.99, 0.999] {
            for confidence in [0.8, 0.9, 0.95, 0.99] {
                guard let (l, u) = QuantileInterval.ranks(n: n, quantile: q, confidence: confidence) else { continue }
                let coverage = BinomialDistribution.cdf(u - 1, trials: n, probability: q)
                    - BinomialDistribution.cdf(l - 1, trials: n, probability: q)
                #expect(1 <= l && l < u && u <= n)
                #expect(coverage >= confidence, "n \(n) q \(q) confidence \(confidence): \(coverage)")
            }
        }
    }

    @Test func nilOnlyWhenEvenTheWidestIntervalFallsShort() {
        // (X_(1), X_(n)) covers the 0.95 quantile with probability 1 - 0.05^n - 0.95^n.
        for n in 2...120 {
            let widest = 1 - pow(0.05, n) - pow(0.95, n)
            let ranks = QuantileInterval.ranks(n: n, quantile: 0.95, confidence: 0.95)
            #expect((ranks != nil) == (widest >= 0.95), "n \(n)")
        }
        #expect(QuantileInterval.ranks(n: 0, quantile: 0.5, confidence: 0.9) == nil)
        #expect(QuantileInterval.ranks(n: 1, quantile: 0.5, confidence: 0.1) == nil)
    }

    @Test func ranksWidenWithConfidence() throws {
        var previous = try #require(QuantileInterval.ranks(n: 5000, quantile: 0.99, confidence: 0.5))
        for confidence in [0.8, 0.9, 0.95, 0.99, 0.999] {
            let ranks = try #require(QuantileInterval.ranks(n: 5000, quantile: 0.99, confidence: confidence))
            #expect(ranks.lower <= previous.lower && ranks.upper >= previous.upper)
            #expect(ranks.upper - ranks.lower > previous.upper - previous.lower)
            previous = ranks
        }
    }

    @Test func intervalBracketsTheSampleQuantile() throws {
        let sorted = (1...1000).map { Double($0) }
        let interval = try #require(QuantileInterval.interval(sorted: sorted, quantile: 0.95, confidence: 0.95))
        let (l, u) = try #require(QuantileInterval.ranks(n: 1000, quantile: 0.95, confidence: 0.95))
        #expect(interval == Double(l)...Double(u))
        #expect(interval.contains(950))
    }

    private func pow(_ x: Double, _ n: Int) -> Double {
        (0..<n).reduce(1.0) { product, _ in product * x }
    }
}
