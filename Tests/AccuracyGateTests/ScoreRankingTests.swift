import Foundation
import Testing
@testable import AccuracyGate

/// The AUC/AP structure: exact under its cap, bounded past it, and canonical under merging.
@Suite struct ScoreRankingTests {
    /// Rows of a noisy model over a wide range of scores: near 0, near 1 and in between.
    static func modelRows(_ count: Int, seed: UInt64) -> [(score: Double, positive: Bool)] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let positive = Bool.random(using: &generator)
            let logit = (positive ? 1.2 : -1.2) + 3 * Double.random(in: -1...1, using: &generator)
            return (1 / (1 + exp(-logit * 4)), positive)
        }
    }

    static func ranking(_ rows: some Sequence<(score: Double, positive: Bool)>, capacity: Int) -> ScoreRanking {
        var ranking = ScoreRanking(capacity: capacity)
        for row in rows { ranking.add(row.score, positive: row.positive) }
        return ranking
    }

    @Test(arguments: [8, 64, 1000])
    func coarsenedAUCAndAPStayWithinTheirReportedBounds(capacity: Int) throws {
        let rows = Self.modelRows(20_000, seed: 7)
        let exact = Self.ranking(rows, capacity: 1 << 16)
        let coarse = Self.ranking(rows, capacity: capacity)
        #expect(exact.isExact && !coarse.isExact)
        #expect(coarse.entryCount <= capacity)
        let exactAUC = try #require(exact.rocAUC())
        let coarseAUC = try #require(coarse.rocAUC())
        #expect(exactAUC.errorBound == 0 && coarseAUC.errorBound > 0)
        #expect(abs(coarseAUC.value - exactAUC.value) <= coarseAUC.errorBound)
        let exactAP = try #require(exact.averagePrecision())
        let coarseAP = try #require(coarse.averagePrecision())
        #expect(abs(coarseAP.value - exactAP.value) <= coarseAP.errorBound)
    }

    @Test func coarsenedAUCOfAFixtureStaysWithinItsBoundOfScikitLearn() throws {
        let fixture = try MetricFixture.load("binary_numeric")
        let metrics = fixture.binaryAccumulator(rankingCapacity: 16).metrics()
        for name in ["roc_auc", "pr_auc"] {
            let result = try #require(metrics[named: name])
            let value = try #require(result.value)
            let expected = try #require(fixture.expected[name] ?? nil)
            #expect(result.errorBound > 0, "\(name) should say it is approximate")
            #expect(abs(value - expected) <= result.errorBound, "\(name): \(value) vs \(expected) ± \(result.errorBound)")
        }
    }

    @Test func coarsenedShardsMergeToTheOnePassState() {
        let rows = Self.modelRows(30_000, seed: 11)
        let whole = Self.ranking(rows, capacity: 500)
        // Shards of very different sizes reach different bin levels (one stays exact).
        let cuts = [0, 300, 9_000, 30_000]
        let shards = (0..<3).map { Self.ranking(rows[cuts[$0]..<cuts[$0 + 1]], capacity: 500) }
        #expect(shards[0].isExact && !shards[2].isExact)
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            var merged = shards[order[0]]
            merged.merge(shards[order[1]])
            merged.merge(shards[order[2]])
            #expect(merged == whole, "merge order \(order)")
            #expect(merged.rocAUC()! == whole.rocAUC()!)
        }
    }

    @Test func exactShardsStayExactWhenTheirUnionFitsTheCap() throws {
        let rows = Self.modelRows(3_000, seed: 5).map { (score: ($0.score * 200).rounded() / 200, positive: $0.positive) }
        let whole = Self.ranking(rows, capacity: 1 << 12)
        var merged = Self.ranking(rows[..<1_000], capacity: 1 << 12)
        merged.merge(Self.ranking(rows[1_000...], capacity: 1 << 12))
        #expect(merged.isExact && merged == whole)
    }

    @Test func theSmallerCapacityAppliesWhenMerging() {
        let rows = Self.modelRows(2_000, seed: 3)
        var large = Self.ranking(rows[..<1_000], capacity: 4_096)
        large.merge(Self.ranking(rows[1_000...], capacity: 100))
        #expect(large == Self.ranking(rows, capacity: 100))
    }

    @Test func binnableKeysNeverReorderScores() {
        var generator = SplitMix64(seed: 17)
        var scores: [Double] = [-1e300, -3, -0.5, -1e-300, -0.0, 0, .leastNonzeroMagnitude, 1e-300, 0.25, 0.5,
                                0.5000000000000001, 0.9999999999999999, 1, 1.0000000000000002, 2, 1e300,
                                .greatestFiniteMagnitude]
        scores += (0..<5_000).map { _ in Double.random(in: -2...3, using: &generator) }
        scores += (0..<5_000).map { _ in 1 - pow(10, -Double.random(in: 0...16, using: &generator)) }
        scores.sort()
        let keys = scores.map(ScoreKey.binnable)
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(Set(zip(scores, keys).filter { (0...1).contains($0.0) }.map(\.1)).count
                == Set(scores.filter { (0...1).contains($0) }.map { $0 + 0 }).count, "[0, 1] keys are one-to-one")
    }

    @Test func aRankingSurvivesJSONExactlyAndBinned() throws {
        let rows = Self.modelRows(5_000, seed: 23)
        for capacity in [100, 10_000] {
            let ranking = Self.ranking(rows, capacity: capacity)
            #expect(try jsonRoundTrip(ranking) == ranking)
        }
    }

    @Test func aCorruptRankingIsRejected() throws {
        let json = try JSONEncoder().encode(Self.ranking(Self.modelRows(50, seed: 1), capacity: 100))
        var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        object["positives"] = (object["positives"] as! Int) + 1
        let tampered = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ScoreRanking.self, from: tampered) }
    }

    @Test func extremeScoresAndCountsSurviveTheVarintCoding() throws {
        var ranking = ScoreRanking(capacity: 100)
        let scores = [-Double.greatestFiniteMagnitude, -1, -Double.leastNonzeroMagnitude, 0, Double.leastNonzeroMagnitude,
                      0.5, 1, Double.greatestFiniteMagnitude]
        for (index, score) in scores.enumerated() {
            ranking.add(score, positive: index % 2 == 0, count: index == 3 ? 1 << 40 : index + 1)
        }
        #expect(try jsonRoundTrip(ranking) == ranking)
        // About 7 bytes an entry of base64'd varints, not 24.
        let json = try JSONEncoder().encode(Self.ranking(Self.modelRows(5_000, seed: 3), capacity: 10_000))
        let entries = try #require((try JSONSerialization.jsonObject(with: json) as? [String: Any])?["entries"] as? String)
        let entryCount = Self.ranking(Self.modelRows(5_000, seed: 3), capacity: 10_000).entryCount
        #expect(Double(Data(base64Encoded: entries)!.count) / Double(entryCount) < 12)
    }

    @Test func cutOffOrOverlongVarintsAreRejected() throws {
        func decode(_ bytes: [UInt8], positives: Int, negatives: Int) -> Bool {
            let json = #"{"capacity": 10, "positives": \#(positives), "negatives": \#(negatives), "entries": "\#(Data(bytes).base64EncodedString())"}"#
            return (try? JSONDecoder().decode(ScoreRanking.self, from: Data(json.utf8))) != nil
        }
        let half = ScoreKey.ordered(bits: ScoreKey.normalizedBits(0.5))
        var key: [UInt8] = []
        var value = half
        while value >= 0x80 { key.append(UInt8(truncatingIfNeeded: value) | 0x80); value >>= 7 }
        key.append(UInt8(value))
        #expect(decode(key + [1, 0], positives: 1, negatives: 0))
        #expect(!decode(key + [1], positives: 1, negatives: 0), "cut off before the negatives")
        #expect(!decode(key + [0x81], positives: 1, negatives: 0), "a varint without its last byte")
        #expect(!decode(key + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0], positives: 1, negatives: 0),
                "more than 64 bits")
        #expect(!decode(key + [1, 0] + [0, 1, 0], positives: 2, negatives: 0), "a repeated key")
    }
}
