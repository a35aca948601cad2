// Gates stream rows and cannot keep them, so they cannot draw row indices. The Poisson
// bootstrap (Hanley & MacGibbon 2006; Chamandy et al. 2012) instead gives every row an
// independent Poisson(1) weight in each replicate, and each replicate keeps its own weighted
// state (weighted counts, sums) as the rows pass. For a large sample it approximates the
// multinomial resampling of `Bootstrap.replicates`.
//
// The weights of a row depend only on the seed and the row's index, not on which rows came
// before: shards processed apart and merged see the same weights as one pass over the file.

/// Per-row Poisson(1) weights for bootstrapping data that is streamed, not stored.
public struct PoissonBootstrap: Sendable {
    public let resamples: Int
    public let seed: UInt64

    public init(resamples: Int, seed: UInt64) {
        precondition(resamples > 0, "resamples must be > 0, got \(resamples)")
        self.resamples = resamples
        self.seed = seed
    }

    /// The weight of row `row` (0-based, in the whole data set) in each replicate.
    public func weights(forRow row: Int) -> [Int] {
        var buffer: [Int] = []
        weights(forRow: row, into: &buffer)
        return buffer
    }

    /// As `weights(forRow:)`, into a reused buffer, since this runs once per row.
    public func weights(forRow row: Int, into weights: inout [Int]) {
        // Mix the row into the seed through one SplitMix64 output, so that neighbouring rows
        // start from unrelated states.
        var mixer = SplitMix64(seed: seed ^ (UInt64(bitPattern: Int64(row)) &* 0xD1B5_4A32_D192_ED03))
        var generator = SplitMix64(seed: mixer.next())
        if weights.count != resamples { weights = [Int](repeating: 0, count: resamples) }
        for i in 0..<resamples { weights[i] = Self.poissonOne(&generator) }
    }

    /// A Poisson(1) draw by inversion of its CDF: one uniform per draw.
    static func poissonOne(_ generator: inout SplitMix64) -> Int {
        let u = generator.nextDouble()
        var k = 0
        while k < cumulative.count - 1 && u >= cumulative[k] { k += 1 }
        return k
    }

    /// P(K <= k) for K ~ Poisson(1), k = 0...20; beyond 20 the tail is below 1e-19, under
    /// the resolution of a uniform double.
    static let cumulative: [Double] = {
        var table: [Double] = []
        var term = 0.36787944117144233  // e^-1
        var sum = 0.0
        for k in 0...20 {
            if k > 0 { term /= Double(k) }
            sum += term
            table.append(sum)
        }
        return table
    }()
}
