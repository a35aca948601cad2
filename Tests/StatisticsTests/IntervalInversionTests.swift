import Testing
import Statistics

struct IntervalInversionTests {
    /// estimate ± z·se, whose inversion has a closed form: the two-sided normal p-value.
    private func normalInterval(estimate: Double, standardError: Double) -> (Double) -> ClosedRange<Double>? {
        { confidence in
            let z = -NormalDistribution.quantile((1 - confidence) / 2)
            return (estimate - z * standardError)...(estimate + z * standardError)
        }
    }

    @Test(arguments: [0.3, 1.0, 1.96, 2.5, 4.0])
    func normalIntervalInvertsToTheTwoSidedPValue(distance: Double) {
        let interval = normalInterval(estimate: 10 + distance * 0.5, standardError: 0.5)
        let expected = 2 * NormalDistribution.cdf(-distance)
        let p = IntervalInversion.pValue(excluding: 10, side: .above, interval: interval)
        #expect(p >= expected && p - expected < 2e-6, "\(p) vs \(expected)")
        let mirrored = IntervalInversion.pValue(excluding: 20 - 10, side: .below,
                                                interval: normalInterval(estimate: 10 - distance * 0.5, standardError: 0.5))
        #expect(abs(mirrored - p) < 2e-6)
    }

    @Test func anEstimateOnTheWrongSideHasPValueOne() {
        let interval = normalInterval(estimate: 0.8, standardError: 0.01)
        #expect(IntervalInversion.pValue(excluding: 0.85, side: .above, interval: interval) == 1)
        #expect(IntervalInversion.pValue(excluding: 0.75, side: .below, interval: interval) == 1)
        #expect(IntervalInversion.pValue(excluding: 0, side: .above) { _ in nil } == 1)
    }

    @Test func wilsonPValueIsWhereTheIntervalStartsToExcludeTheThreshold() throws {
        let interval = { (c: Double) in Wilson.interval(successes: 930, trials: 1000, confidence: c) }
        let p = IntervalInversion.pValue(excluding: 0.9, side: .above, interval: interval)
        #expect(p > 0 && p < 0.05)
        #expect(try #require(interval(1 - p)).lowerBound > 0.9)
        #expect(try #require(interval(1 - p + 2e-6)).lowerBound <= 0.9)
    }

    @Test func quantileRanksThatVanishAtHighConfidenceCountAsNotExcluding() throws {
        // 100 latencies 1...100 ms: every interval for the p99 lies below 101 ms, but one
        // exists only once alpha covers the tails the widest leaves out, 0.01^100 + 0.99^100.
        let sorted = (1...100).map(Double.init)
        let interval = { (c: Double) in QuantileInterval.interval(sorted: sorted, quantile: 0.99, confidence: c) }
        #expect(interval(0.99) == nil)
        let p = IntervalInversion.pValue(excluding: 101, side: .below, interval: interval)
        let widestMisses = (0..<100).reduce(1.0) { product, _ in product * 0.99 }
        #expect(p >= widestMisses && p - widestMisses < 2e-6, "\(p) vs \(widestMisses)")
    }
}
