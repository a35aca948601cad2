import Testing
@testable import AccuracyGate
import Statistics

/// A bootstrap replicate built from all its blocks at once (`RankingMix`, weighted sums) equals
/// merging each drawn block as many times as it was drawn, state for state.
@Suite struct ReplicateBuilderTests {
    /// Scores of one kind of data: few distinct values (rankings stay exact), many (they bin),
    /// or wild ones (negative, above 1, ±0, non-finite).
    enum Scores: CaseIterable {
        case fewDistinct, manyDistinct, wild, noScores
    }

    static func blocks(_ scores: Scores, rowsPerBlock: ClosedRange<Int>, capacity: Int, seed: UInt64) -> [BinaryAccumulator] {
        var generator = SplitMix64(seed: seed)
        return (0..<BlockBootstrap.blockCount).map { _ in
            var block = BinaryAccumulator(threshold: 0.5, rankingCapacity: capacity)
            for _ in 0..<Int.random(in: rowsPerBlock, using: &generator) {
                let positive = Bool.random(using: &generator)
                switch scores {
                case .fewDistinct:
                    block.add(actual: positive, score: Double(Int.random(in: 0...40, using: &generator)) / 40)
                case .manyDistinct:
                    let shifted = Double.random(in: 0...1, using: &generator) * 0.6 + (positive ? 0.4 : 0)
                    block.add(actual: positive, score: shifted)
                case .wild:
                    let choices: [Double] = [-3.5, -0.0, 0.0, 1e-300, 0.5, 1, 7, .infinity, .nan,
                                             Double.random(in: -2...3, using: &generator)]
                    block.add(actual: positive, score: choices.randomElement(using: &generator)!)
                case .noScores:
                    block.add(actual: positive, predicted: Bool.random(using: &generator))
                }
            }
            return block
        }
    }

    /// Draws like the bootstrap's, plus edge cases: nothing drawn, one block drawn many times.
    static func draws(seed: UInt64) -> [[Int]] {
        var generator = SplitMix64(seed: seed)
        let count = BlockBootstrap.blockCount
        var draws: [[Int]] = (0..<12).map { _ in
            var times = [Int](repeating: 0, count: count)
            for _ in 0..<count { times[Int.random(in: 0..<count, using: &generator)] += 1 }
            return times
        }
        draws.append([Int](repeating: 0, count: count))
        draws.append([count] + [Int](repeating: 0, count: count - 1))
        draws.append([Int](repeating: 1, count: count))
        return draws
    }

    static func mergedOneByOne(_ blocks: [BinaryAccumulator], times: [Int], capacity: Int) throws -> BinaryAccumulator {
        var state = BinaryAccumulator(threshold: 0.5, rankingCapacity: capacity)
        for (block, count) in zip(blocks, times) {
            for _ in 0..<count { try state.merge(block) }
        }
        return state
    }

    @Test(arguments: Scores.allCases, [(1...3, 8), (0...40, 16), (20...60, 16), (200...400, 64), (5...2000, 256)])
    func binaryReplicatesEqualMergingBlockByBlock(_ scores: Scores, _ sizes: (rows: ClosedRange<Int>, capacity: Int)) throws {
        let blocks = Self.blocks(scores, rowsPerBlock: sizes.rows, capacity: sizes.capacity, seed: UInt64(sizes.capacity))
        let builder = try BinaryAccumulator.replicateBuilder(blocks: blocks) {
            BinaryAccumulator(threshold: 0.5, rankingCapacity: sizes.capacity)
        }
        if sizes.rows.lowerBound >= 20 && scores == .manyDistinct {
            // Every block binned: the mix, not the fallback, is under test.
            #expect(RankingMix(count: blocks.count, ranking: { blocks[$0].ranking }) != nil)
        }
        for times in Self.draws(seed: UInt64(sizes.rows.upperBound)) {
            let expected = try Self.mergedOneByOne(blocks, times: times, capacity: sizes.capacity)
            let built = try builder.build(times)
            #expect(built == expected)
            #expect(built.ranking.binShift == expected.ranking.binShift)
            #expect(built.metrics() == expected.metrics())
        }
    }

    @Test func mixedExactAndBinnedBlocksFallBackToMerging() throws {
        // Some blocks small enough to stay exact, others binned: the mix declines, merging decides.
        var blocks = Self.blocks(.manyDistinct, rowsPerBlock: 1...30, capacity: 16, seed: 7)
        blocks[3] = Self.blocks(.manyDistinct, rowsPerBlock: 300...300, capacity: 16, seed: 8)[0]
        #expect(RankingMix(count: blocks.count, ranking: { blocks[$0].ranking }) == nil)
        let builder = try BinaryAccumulator.replicateBuilder(blocks: blocks) { BinaryAccumulator(threshold: 0.5, rankingCapacity: 16) }
        for times in Self.draws(seed: 9) {
            #expect(try builder.build(times) == Self.mergedOneByOne(blocks, times: times, capacity: 16))
        }
    }

    @Test func replicateMetricsMatchMergingBlockByBlock() throws {
        let blocks = Self.blocks(.manyDistinct, rowsPerBlock: 50...150, capacity: 64, seed: 11)
        let bootstrap = BlockBootstrap(resamples: 40, seed: 1234)
        let metrics = try bootstrap.replicateMetrics(blocks: blocks) { BinaryAccumulator(threshold: 0.5, rankingCapacity: 64) }
        // The replicates as the bootstrap has always drawn them, merged one draw at a time.
        for replicate in 0..<bootstrap.resamples {
            var generator = Statistics.SplitMix64(seed: bootstrap.seed &+ 0x5EED_0000_0000 &+ UInt64(replicate))
            var times = [Int](repeating: 0, count: blocks.count)
            for _ in blocks.indices { times[generator.next(below: blocks.count)] += 1 }
            #expect(metrics[replicate] == (try Self.mergedOneByOne(blocks, times: times, capacity: 64)).metrics())
        }
    }

    @Test func exactSumTimesEqualsRepeatedAdds() {
        var generator = SplitMix64(seed: 5)
        for _ in 0..<50 {
            var part = ExactSum()
            for _ in 0..<Int.random(in: 0...20, using: &generator) {
                part.add(Double(bitPattern: generator.next() & 0xBFEF_FFFF_FFFF_FFFF) * (Bool.random(using: &generator) ? 1 : -1))
            }
            let times = Int.random(in: 0...130, using: &generator)
            var repeated = ExactSum()
            repeated.add(0.25)
            var scaled = repeated
            for _ in 0..<times { repeated.add(part) }
            scaled.add(part, times: times)
            #expect(scaled == repeated)
            #expect(scaled.value.bitPattern == repeated.value.bitPattern)
        }
    }
}
