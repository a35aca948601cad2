import Testing
@testable import Statistics

struct LatencyHistogramTests {
    static let quantiles = [0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0]

    static let samples: [(name: String, values: [UInt64])] = [
        ("uniform 1 µs to 1 h", LatencySamples.uniform(20_000, in: LatencySamples.microsecond...LatencySamples.hour, seed: 1)),
        ("uniform 1 ms to 100 ms", LatencySamples.uniform(20_000, in: 1_000_000...100_000_000, seed: 2)),
        ("log-normal, median 5 ms", LatencySamples.logNormal(20_000, median: 5e6, sigma: 1, seed: 3)),
        ("log-normal, median 200 µs, wide", LatencySamples.logNormal(20_000, median: 2e5, sigma: 2.5, seed: 4)),
        ("Pareto 1.1 above 100 µs", LatencySamples.pareto(20_000, scale: 1e5, alpha: 1.1, seed: 5)),
        ("all equal", Array(repeating: 12_345_678, count: 5_000)),
        ("one value", [987_654_321]),
        ("small exact values", (0..<1_000).map { UInt64($0 % 128) }),
        ("the ends of the range", [LatencySamples.microsecond, LatencySamples.hour, LatencySamples.microsecond, LatencySamples.hour, 1_000_000]),
    ]

    @Test(arguments: samples.indices)
    func percentilesAreWithinOnePercentOfTheExactOnes(_ sample: Int) throws {
        let (name, values) = Self.samples[sample]
        let histogram = LatencySamples.histogram(of: values)
        let sorted = values.sorted()
        for q in Self.quantiles {
            let exact = LatencySamples.exactPercentile(sorted, q)
            let reported = try #require(histogram.value(atQuantile: q))
            let error = Double(reported > exact ? reported - exact : exact - reported) / Double(Swift.max(exact, 1))
            #expect(exact == 0 ? reported == 0 : error <= LatencyHistogram.relativeErrorBound,
                    "\(name) q \(q): exact \(exact), reported \(reported), relative error \(error)")
            #expect(error <= 0.01)
        }
        #expect(histogram.value(atQuantile: 1) == sorted.last, "\(name): the maximum is exact")
        #expect(histogram.value(atQuantile: 0) == sorted.first, "\(name): the minimum is exact")
    }

    @Test(arguments: samples.indices)
    func countSumMinMaxAndMeanAreExact(_ sample: Int) {
        let (name, values) = Self.samples[sample]
        let histogram = LatencySamples.histogram(of: values)
        let sum = values.reduce(UInt128(0)) { $0 + UInt128($1) }
        #expect(histogram.count == UInt64(values.count), "\(name)")
        #expect(histogram.sum == sum, "\(name)")
        #expect(histogram.min == values.min() && histogram.max == values.max(), "\(name)")
        #expect(histogram.mean == Double(sum) / Double(values.count), "\(name)")
        #expect(histogram.saturatedCount == 0, "\(name)")
    }

    // Every bucket, at its worst: its lowest value read as the bucket's middle.
    @Test func everyBucketKeepsTheErrorBound() {
        for index in 0..<LatencyBucketLayout.trackedBuckets {
            let (lower, upper) = LatencyBucketLayout.bounds(of: index)
            #expect(LatencyBucketLayout.index(of: lower) == index && LatencyBucketLayout.index(of: upper) == index)
            if index > 0 { #expect(LatencyBucketLayout.bounds(of: index - 1).upper + 1 == lower, "gap before bucket \(index)") }
            let histogram = LatencySamples.histogram(of: [lower, upper, upper])
            let reported = histogram.value(atQuantile: 0.2) ?? 0
            let error = Double(reported - lower) / Double(Swift.max(lower, 1))
            #expect(error <= LatencyHistogram.relativeErrorBound, "bucket \(index) \(lower)...\(upper): \(reported)")
        }
        #expect(LatencyBucketLayout.bounds(of: LatencyBucketLayout.trackedBuckets - 1).upper == LatencyHistogram.highestTrackableNanoseconds)
        #expect(LatencyHistogram.highestTrackableNanoseconds > LatencySamples.hour)
    }

    @Test func valuesBeyondTheRangeAreSaturatedAndReadAsTheExactMaximum() throws {
        let beyond = LatencyHistogram.highestTrackableNanoseconds + 1
        var histogram = LatencySamples.histogram(of: Array(repeating: 5_000_000, count: 98))
        histogram.record(nanoseconds: beyond)
        histogram.record(nanoseconds: .max)
        #expect(histogram.saturatedCount == 2 && histogram.count == 100)
        #expect(histogram.max == .max)
        #expect(histogram.sum == 98 * 5_000_000 + UInt128(beyond) + UInt128(UInt64.max))
        // Rank 99 is `beyond`: read as the maximum, above the truth, never below it.
        #expect(histogram.value(atQuantile: 0.99) == .max)
        let p50 = try #require(histogram.value(atQuantile: 0.5))
        #expect(Double(p50) / 5e6 - 1 <= LatencyHistogram.relativeErrorBound)
    }

    @Test func anEmptyHistogramHasNoPercentilesOrMean() {
        let empty = LatencyHistogram()
        #expect(empty.value(atQuantile: 0.5) == nil && empty.mean == nil)
        #expect(empty.min == nil && empty.max == nil && empty.count == 0 && empty.sum == 0)
        #expect(empty.interval(quantile: 0.5, confidence: 0.95) == nil)
    }

    @Test func durationsAreRecordedInNanoseconds() {
        var histogram = LatencyHistogram()
        histogram.record(.milliseconds(5))
        histogram.record(.nanoseconds(1_500))
        histogram.record(.seconds(3_600))
        #expect(histogram.min == 1_500 && histogram.max == LatencySamples.hour)
        #expect(histogram.sum == 5_000_000 + 1_500 + UInt128(LatencySamples.hour))
    }

    @Test func rankIsTheCeilingOfQuantileTimesCountWithoutRoundingSurprises() {
        #expect(LatencyHistogram.rank(quantile: 0.07, count: 100) == 7)  // 0.07 * 100 is 7.000000000000001
        #expect(LatencyHistogram.rank(quantile: 0.95, count: 200) == 190)
        #expect(LatencyHistogram.rank(quantile: 0.95, count: 201) == 191)
        #expect(LatencyHistogram.rank(quantile: 0.999, count: 10) == 10)
        #expect(LatencyHistogram.rank(quantile: 0, count: 10) == 1)
        #expect(LatencyHistogram.rank(quantile: 1, count: 10) == 10)
        #expect(LatencyHistogram.rank(quantile: 0.5, count: 1) == 1)
    }
}
