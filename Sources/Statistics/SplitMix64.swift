// SplitMix64 (Steele, Lea & Flood 2014; Vigna's splitmix64.c). Its sequence is fixed
// forever, so a bootstrap with the same seed gives the same report on every machine. The
// standard library's `random(in:using:)` algorithms are not promised to stay the same
// across Swift releases, so the draws the statistics depend on (`nextDouble`,
// `next(below:)`) are defined here.

/// A small, fast, seeded random number generator with a published reference sequence.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1): the top 53 bits, scaled.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform integer in 0..<bound, without modulo bias (Lemire's multiply-and-reject,
    /// "Fast random integer generation in an interval", 2019).
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be > 0, got \(bound)")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            // 2^64 mod range values of the low word would over-represent some results.
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }
}
