import Testing
import Statistics

struct LatencyHistogramMergeTests {
    @Test func mergingSplitSamplesGivesExactlyTheHistogramOfTheWhole() throws {
        let values = LatencySamples.logNormal(9_000, median: 3e6, sigma: 1.5, seed: 11)
            + [LatencyHistogram.highestTrackableNanoseconds + 7, 0]
        var random = SplitMix64(seed: 12)
        var parts = [[UInt64]](repeating: [], count: 3)
        for value in values { parts[random.next(below: 3)].append(value) }
        let (a, b, c) = (LatencySamples.histogram(of: parts[0]), LatencySamples.histogram(of: parts[1]), LatencySamples.histogram(of: parts[2]))
        let whole = LatencySamples.histogram(of: values)

        var left = a                 // (a + b) + c
        try left.merge(b)
        try left.merge(c)
        var bc = b                   // a + (b + c), in another order
        try bc.merge(c)
        var right = bc
        try right.merge(a)
        #expect(left == whole)
        #expect(right == whole)
        #expect(left.encode() == whole.encode())
        for q in [0.5, 0.99, 1.0] { #expect(left.value(atQuantile: q) == whole.value(atQuantile: q)) }
    }

    @Test func mergingWithAnEmptyHistogramChangesNothing() throws {
        let sample = LatencySamples.histogram(of: [10, 2_000, 3_000_000])
        var merged = sample
        try merged.merge(LatencyHistogram())
        #expect(merged == sample)
        var empty = LatencyHistogram()
        try empty.merge(sample)
        #expect(empty == sample)
    }

    @Test func aMergeThatWouldOverflowThrowsAndChangesNothing() throws {
        // The largest count a decoder accepts, in one bucket: 2^63 - 1 values of 5 ns.
        let huge = try LatencyHistogram(decoding: LatencyHistogramEncodingTests.bytes(
            buckets: [(gap: 6, count: LatencyHistogram.maximumCount)],
            totals: [5, 5, UInt64((UInt128(LatencyHistogram.maximumCount) * 5) >> 64), UInt64(truncatingIfNeeded: UInt128(LatencyHistogram.maximumCount) * 5)]))
        #expect(huge.count == LatencyHistogram.maximumCount)
        var merged = huge
        #expect(throws: LatencyHistogramError.mergeOverflow) { try merged.merge(LatencySamples.histogram(of: [5])) }
        #expect(merged == huge)
    }
}
