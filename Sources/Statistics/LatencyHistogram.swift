// Values are integer nanoseconds (UInt64). The layout (`LatencyBucketLayout`) keeps every value
// from 0 to 2^42 - 1 ns (73.3 min) within 1/128 relative error; count, sum, min and max are kept
// exactly beside it, so the mean, the minimum and the maximum carry no bucket error at all.
// Memory is constant: 2,369 counts of 8 bytes (18,952 bytes) plus a few dozen bytes of totals.
//
// Values above 2^42 - 1 ns are not refused (a stalled server must show, not vanish): they are
// counted in an overflow bucket, `saturatedCount` says how many, and a percentile that lands
// there reads as the exact maximum, never below the truth.
//
// Rank: the q-quantile of n values is the r-th smallest, r = `rank(quantile:count:)` =
// ceil(q n), at least 1. The histogram answers with the middle of the bucket holding that
// value, narrowed to [min, max] (which only brings it closer); ranks 1 and n are min and max.

/// A mergeable log-linear histogram of latencies in nanoseconds, within 1/128 relative error.
public struct LatencyHistogram: Sendable, Equatable {
    /// Counts per bucket of `LatencyBucketLayout`, the overflow bucket last.
    var counts: [UInt64]
    public internal(set) var count: UInt64 = 0
    /// The exact sum of the recorded values, in nanoseconds; UInt128 so it cannot overflow.
    public internal(set) var sum: UInt128 = 0
    public internal(set) var min: UInt64?
    public internal(set) var max: UInt64?

    /// The most recordings one histogram holds, so that ranks fit in an Int.
    public static let maximumCount = UInt64(Int.max)
    /// The largest value recorded within the error bound; larger ones are saturated.
    public static let highestTrackableNanoseconds = LatencyBucketLayout.highestTrackable
    /// The bound on |reported - true| / true for every percentile of tracked values.
    public static let relativeErrorBound = 1.0 / 128

    public init() {
        counts = Array(repeating: 0, count: LatencyBucketLayout.bucketCount)
    }

    /// Values recorded above `highestTrackableNanoseconds`.
    public var saturatedCount: UInt64 { counts[LatencyBucketLayout.overflowIndex] }

    /// The exact mean in nanoseconds (up to the Double rounding), nil when empty.
    public var mean: Double? {
        count == 0 ? nil : Double(sum) / Double(count)
    }

    /// Records one latency. O(1). (`maximumCount` recordings take centuries.)
    public mutating func record(nanoseconds value: UInt64) {
        counts[LatencyBucketLayout.index(of: value)] += 1
        count += 1
        sum += UInt128(value)
        min = Swift.min(min ?? value, value)
        max = Swift.max(max ?? value, value)
    }

    /// Records one latency measured by a clock; it must not be negative.
    public mutating func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        precondition(seconds >= 0 && attoseconds >= 0, "a latency cannot be negative: \(duration)")
        let nanoseconds = UInt128(seconds) * 1_000_000_000 + UInt128(attoseconds / 1_000_000_000)
        record(nanoseconds: nanoseconds > UInt128(UInt64.max) ? .max : UInt64(nanoseconds))
    }

    /// Adds `other`'s recordings to these: the result is exactly the histogram of both
    /// samples together, in any order and grouping. Throws, changing nothing, when a total
    /// would overflow (only possible with hostile decoded histograms).
    public mutating func merge(_ other: LatencyHistogram) throws(LatencyHistogramError) {
        let (total, countOverflow) = count.addingReportingOverflow(other.count)
        let (newSum, sumOverflow) = sum.addingReportingOverflow(other.sum)
        guard !countOverflow, !sumOverflow, total <= Self.maximumCount else { throw .mergeOverflow }
        guard other.count > 0 else { return }
        for index in counts.indices {
            counts[index] += other.counts[index]  // each at most `total`, which did not overflow
        }
        count = total
        sum = newSum
        min = Swift.min(min ?? .max, other.min ?? .max)
        max = Swift.max(max ?? 0, other.max ?? 0)
    }

    /// The 1-based rank of the q-quantile of `count` values: ceil(q count), at least 1, with
    /// q count taken as the integer it is within rounding of (0.07 × 100 is rank 7, not 8).
    public static func rank(quantile q: Double, count: UInt64) -> UInt64 {
        precondition(q >= 0 && q <= 1, "quantile must be in [0, 1], got \(q)")
        precondition(count > 0, "no rank in an empty sample")
        let exact = q * Double(count)
        let nearest = exact.rounded()
        let position = abs(exact - nearest) <= exact * 0x1p-50 ? nearest : exact.rounded(.up)
        return Swift.min(Swift.max(UInt64(position), 1), count)
    }

    /// The q-quantile in nanoseconds (see `rank(quantile:count:)`), within
    /// `relativeErrorBound` of the true r-th smallest value; nil when empty.
    public func value(atQuantile q: Double) -> UInt64? {
        guard count > 0, let min, let max else { return nil }
        let rank = Self.rank(quantile: q, count: count)
        if rank == 1 { return min }
        if rank == count { return max }
        let index = bucket(ofRank: rank)
        // Beyond the layout there is no bound to keep: read high, never low.
        if index == LatencyBucketLayout.overflowIndex { return max }
        // The values of the bucket that can be there lie within [min, max] too.
        let (lower, upper) = (Swift.max(LatencyBucketLayout.bounds(of: index).lower, min), Swift.min(LatencyBucketLayout.bounds(of: index).upper, max))
        return lower + (upper - lower) / 2
    }

    /// A confidence interval for the q-quantile (q in (0, 1)) in nanoseconds, from order
    /// statistics (`QuantileInterval`): the lower edge of the bucket holding the l-th value to
    /// the upper edge of the one holding the u-th, kept within [min, max]. It contains
    /// [X_(l), X_(u)], so its coverage is at least the order statistics' `confidence`, for
    /// independent recordings. Nil when too few values are recorded for that confidence.
    public func interval(quantile q: Double, confidence: Double) -> ClosedRange<UInt64>? {
        guard let min, let max, count <= Self.maximumCount,
              let (l, u) = QuantileInterval.ranks(n: Int(count), quantile: q, confidence: confidence)
        else { return nil }
        let lower = LatencyBucketLayout.bounds(of: bucket(ofRank: UInt64(l))).lower
        let upper = LatencyBucketLayout.bounds(of: bucket(ofRank: UInt64(u))).upper
        return Swift.max(lower, min)...Swift.min(upper, max)
    }

    /// The bucket holding the `rank`-th smallest value (1 <= rank <= count).
    private func bucket(ofRank rank: UInt64) -> Int {
        var seen: UInt64 = 0
        for (index, bucketCount) in counts.enumerated() {
            seen += bucketCount
            if seen >= rank { return index }
        }
        preconditionFailure("rank \(rank) beyond count \(count)")
    }
}
