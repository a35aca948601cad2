// How the error bound is achieved. Values are integer nanoseconds. Below 128 every value has a
// bucket of its own (exact). From 2^6 up, each power of two [2^e, 2^(e+1)) is cut into 64
// equal sub-buckets of width 2^(e-6), so a bucket is never wider than 1/64 of its lower edge.
// A percentile reads as the bucket's middle, at most half a width from any value in it:
// relative error <= 1/128 (0.78 %) for every value the layout covers, 0 to 2^42 - 1 ns
// (73.3 minutes, beyond the 1 hour asked for). Values above that land in one overflow bucket.
// The index is the octave and the next 6 bits below the leading one: O(1), no logarithm.

/// The fixed bucket layout of `LatencyHistogram`: value to index, index to bounds.
enum LatencyBucketLayout {
    /// log2 of the sub-buckets per power of two.
    static let subBucketBits = 6
    /// Values of 2^`valueBits` ns and above overflow.
    static let valueBits = 42
    static let subBuckets = 1 << subBucketBits
    /// The largest value with a bucket of its own, 2^42 - 1 ns (about 73.3 minutes).
    static let highestTrackable = UInt64(1) << UInt64(valueBits) - 1
    /// Buckets for 0...highestTrackable: 128 exact ones, then 64 per octave from 2^7 to 2^41.
    static let trackedBuckets = (valueBits - subBucketBits + 1) * subBuckets
    /// Index of the bucket holding every value above `highestTrackable`.
    static let overflowIndex = trackedBuckets
    /// Length of the counts array: the tracked buckets and the overflow bucket.
    static let bucketCount = trackedBuckets + 1

    static func index(of value: UInt64) -> Int {
        if value > highestTrackable { return overflowIndex }
        if value < UInt64(2 * subBuckets) { return Int(value) }
        let octave = 63 - value.leadingZeroBitCount
        let shift = octave - subBucketBits
        // The leading one and the 6 bits after it: a number in 64..<128.
        let leading = Int(value >> UInt64(shift))
        return shift * subBuckets + leading
    }

    /// The smallest and largest value of a tracked bucket (for the overflow bucket, the
    /// smallest value and UInt64.max).
    static func bounds(of index: Int) -> (lower: UInt64, upper: UInt64) {
        precondition(index >= 0 && index < bucketCount, "bucket index \(index) out of range")
        if index == overflowIndex { return (highestTrackable + 1, .max) }
        if index < 2 * subBuckets { return (UInt64(index), UInt64(index)) }
        let shift = UInt64(index / subBuckets - 1)
        let leading = UInt64(index % subBuckets + subBuckets)
        let lower = leading << shift
        return (lower, lower + (1 << shift) - 1)
    }
}
