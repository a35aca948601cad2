import Dispatch
import Statistics

/// The bootstrap for a streamed test set. Each row is dealt into one of `blockCount` blocks by a
/// seeded hash of its index; a replicate draws `blockCount` blocks with replacement and merges
/// their accumulator states. Rows cost one extra accumulator update each, however many
/// replicates there are (a per-row Poisson bootstrap costs one update per replicate per row).
///
/// Why it is a bootstrap: blocks are random, independent subsamples, so resampling them resamples
/// the rows in groups; with fewer rows than blocks each row's multiplicity is Binomial(K, 1/K),
/// the ordinary row bootstrap. A row's block depends only on the seed and its index, so the result
/// is reproducible and the same when a test set is split into shards.
struct BlockBootstrap: Sendable {
    static let blockCount = 128

    let resamples: Int
    let seed: UInt64

    /// The block of the row at 0-based `index`.
    @inline(__always)
    func block(ofRow index: Int) -> Int {
        var generator = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15))
        return Int(generator.next() % UInt64(Self.blockCount))
    }

    /// Each replicate's metrics. Replicates are built on every core, each worker building and
    /// dropping one at a time, so memory holds the blocks and a replicate per core. Each
    /// replicate depends only on the seed and its index, so the results do not depend on the
    /// number of threads.
    func replicateMetrics<Evaluator: TaskEvaluator>(blocks: [Evaluator], make: () -> Evaluator) throws -> [[MetricResult]] {
        let builder = try Evaluator.replicateBuilder(blocks: blocks, make: make)
        // Blocks without rows are never merged (their empty rankings would still set a capacity).
        let empty = blocks.map { $0.rows == 0 }
        return try ParallelMap.map(count: resamples) { replicate in
            var generator = SplitMix64(seed: seed &+ 0x5EED_0000_0000 &+ UInt64(replicate))
            var counts = [Int](repeating: 0, count: empty.count)
            for _ in empty.indices { counts[generator.next(below: empty.count)] += 1 }
            for index in counts.indices where empty[index] { counts[index] = 0 }
            return try builder.build(counts).metrics()
        }
    }
}
