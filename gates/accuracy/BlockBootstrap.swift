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

    /// Each replicate's metrics; replicates are built and dropped one at a time, so memory holds
    /// the blocks and a single replicate.
    func replicateMetrics<Evaluator: TaskEvaluator>(blocks: [Evaluator], make: () -> Evaluator) throws -> [[MetricResult]] {
        var counts = [Int](repeating: 0, count: blocks.count)
        var results: [[MetricResult]] = []
        results.reserveCapacity(resamples)
        for replicate in 0..<resamples {
            var generator = SplitMix64(seed: seed &+ 0x5EED_0000_0000 &+ UInt64(replicate))
            for index in counts.indices { counts[index] = 0 }
            for _ in blocks.indices { counts[generator.next(below: blocks.count)] += 1 }
            var state = make()
            for (index, count) in counts.enumerated() where count > 0 && blocks[index].rows > 0 {
                for _ in 0..<count { try state.merge(blocks[index]) }
            }
            results.append(state.metrics())
        }
        return results
    }
}
