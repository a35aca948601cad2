/// Maps of a finite score to 64-bit keys: an exact sortable key, and nested coarse bins.
enum ScoreKey {
    private static let half = (0.5).bitPattern
    private static let one = (1.0).bitPattern

    /// The bits of a score, -0 made +0: scikit-learn compares scores by value, so they tie.
    @inline(__always)
    static func normalizedBits(_ score: Double) -> UInt64 {
        (score + 0.0).bitPattern
    }

    /// A strictly increasing image of finite score bits, so sorted keys are sorted scores.
    @inline(__always)
    static func ordered(bits: UInt64) -> UInt64 {
        bits >> 63 == 0 ? bits | (1 << 63) : ~bits
    }

    /// The score whose `ordered` key this is.
    @inline(__always)
    static func score(ofOrdered key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }

    /// A non-decreasing image of the score whose low bits can be dropped to form nested bins.
    ///
    /// Dropping `k` low bits groups 2^k neighbouring doubles, so bins are log-linear (as in HDR
    /// histograms) in the distance from 0 for scores in [0, 0.5] and in the distance from 1 for
    /// scores in (0.5, 1]: confident probabilities near 1 are resolved as finely as those near 0.
    /// Margins and logits below 0 or above 1 get the plain log-linear order. The four ranges
    /// s < 0, [0, 0.5], (0.5, 1] and s > 1 take a quarter of the key space each, in that order.
    @inline(__always)
    static func binnable(_ score: Double) -> UInt64 {
        let quarter: UInt64 = 1 << 62
        if score < 0 {
            return ~score.bitPattern >> 1
        }
        if score > 1 {
            let above = score.bitPattern - one
            return above >= quarter ? UInt64.max : 3 * quarter + above
        }
        // Both halves computed, then selected: which half a probability is in is a coin toss,
        // too costly as a branch. 1 - score is exact for score in [0.5, 1] (Sterbenz).
        let lower = quarter &+ (score + 0.0).bitPattern
        let upper = 2 &* quarter &+ (half &- (1 - score).bitPattern)  // wraps only when not selected
        return score <= 0.5 ? lower : upper
    }
}
