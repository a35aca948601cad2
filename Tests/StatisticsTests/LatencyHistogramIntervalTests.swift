import Foundation
import Testing
import Statistics

struct LatencyHistogramIntervalTests {
    // 500 runs of 200 log-normal latencies: the 95 % interval for p95 must cover the true p95,
    // exp(log median + 1.645 sigma), in at least 93 % of runs (about 95 % is expected; the
    // binomial spread of 500 runs is about 1 %). Seeded, so the count is the same every time.
    @Test func ninetyFivePercentIntervalForP95CoversTheTrueQuantile() throws {
        let median = 5e6, sigma = 0.8
        let truth = median * exp(sigma * 1.6448536269514722)
        var covered = 0
        for run in 0..<500 {
            let values = LatencySamples.logNormal(200, median: median, sigma: sigma, seed: 1_000 + UInt64(run))
            let histogram = LatencySamples.histogram(of: values)
            let interval = try #require(histogram.interval(quantile: 0.95, confidence: 0.95))
            // Conservative: it contains the interval the exact order statistics give.
            let exact = try #require(QuantileInterval.interval(sorted: values.sorted().map { Double($0) }, quantile: 0.95, confidence: 0.95))
            #expect(Double(interval.lowerBound) <= exact.lowerBound && Double(interval.upperBound) >= exact.upperBound, "run \(run): \(interval) from \(exact)")
            if Double(interval.lowerBound) <= truth && truth <= Double(interval.upperBound) { covered += 1 }
        }
        #expect(covered >= 465, "covered \(covered) of 500")
    }

    @Test func intervalWidensOnlyByTheBucketsOfItsOrderStatistics() throws {
        let values = LatencySamples.uniform(10_000, in: 1_000_000...2_000_000, seed: 31)
        let sorted = values.sorted()
        let histogram = LatencySamples.histogram(of: values)
        let interval = try #require(histogram.interval(quantile: 0.99, confidence: 0.95))
        let (l, u) = try #require(QuantileInterval.ranks(n: values.count, quantile: 0.99, confidence: 0.95))
        let (low, high) = (Double(sorted[l - 1]), Double(sorted[u - 1]))
        #expect(Double(interval.lowerBound) >= low * (1 - 1.0 / 64) && Double(interval.lowerBound) <= low)
        #expect(Double(interval.upperBound) <= high * (1 + 1.0 / 64) && Double(interval.upperBound) >= high)
    }

    @Test func tooFewValuesHaveNoInterval() {
        #expect(LatencySamples.histogram(of: [1_000, 2_000, 3_000]).interval(quantile: 0.95, confidence: 0.95) == nil)
        #expect(LatencySamples.histogram(of: [5]).interval(quantile: 0.5, confidence: 0.5) == nil)
    }

    @Test func allEqualValuesGiveAPointInterval() throws {
        let histogram = LatencySamples.histogram(of: Array(repeating: 7_777_777, count: 1_000))
        #expect(histogram.interval(quantile: 0.99, confidence: 0.95) == 7_777_777...7_777_777)
    }
}
