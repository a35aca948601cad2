import Foundation
import Testing
@testable import AccuracyGate

/// The invariants a merge holds shard states to are true of every state a pass writes (no honest
/// state is refused), and what they derive from a ranking is what the rows gave.
@Suite struct StateInvariantTests {
    /// Probabilities with ties, both ends and a negative zero.
    static func scores(_ count: Int, seed: UInt64) -> [(score: Double, positive: Bool)] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let special: [Double] = [0, -0.0, 1, 0.5]
            let score = index % 17 == 0 ? special[index % 4] : Double(generator.next() % 1_000_001) / 1_000_000
            return (score, generator.next() % 3 == 0)
        }
    }

    @Test(arguments: [(16, 0.5), (64, 0.3), (1 << 19, 0.5), (1 << 19, 0.25)])
    func countsAboveTheThresholdBracketTheTrueCountsAndAreExactUnbinned(_ capacity: Int, _ threshold: Double) {
        let rows = Self.scores(5_000, seed: UInt64(capacity))
        var ranking = ScoreRanking(capacity: capacity)
        for row in rows { ranking.add(row.score, positive: row.positive) }
        let truePositives = rows.count { $0.positive && $0.score > threshold }
        let falsePositives = rows.count { !$0.positive && $0.score > threshold }
        let above = ranking.countsAbove(threshold)
        #expect((above.surely.positives...above.possibly.positives).contains(truePositives))
        #expect((above.surely.negatives...above.possibly.negatives).contains(falsePositives))
        if ranking.isExact {
            #expect(above.surely == above.possibly && above.surely.positives == truePositives)
        } else {
            #expect(above.possibly.positives - above.surely.positives < rows.count / 10, "only the threshold's bin is uncertain")
        }
    }

    @Test(arguments: [1, 2, 3])
    func lossSumsFromAnExactRankingAreTheAccumulatorsToTheBit(_ seed: UInt64) {
        var binary = BinaryAccumulator()
        for (index, row) in Self.scores(3_000, seed: seed).enumerated() {
            binary.add(actual: row.positive, score: row.score, count: index % 50 == 0 ? 7 : 1)
        }
        let losses = binary.ranking.binaryLosses()
        #expect(losses?.logLoss == binary.logLossSum && losses?.brier == binary.brierSum)
        #expect(binary.violation(ScoreExpectation(coverage: .every, predictionsFromScores: true)) == nil)
    }

    @Test func multiclassLogLossFromRankingsIsTheAccumulators() {
        var generator = SplitMix64(seed: 9)
        var multiclass = MulticlassAccumulator(scoreClassCount: 3)
        for _ in 0..<2_000 {
            let raw = (0..<3).map { _ in Double(generator.next() % 1_000 + 1) }
            let scores = raw.map { $0 / raw.reduce(0, +) }
            scores.withUnsafeBufferPointer { multiclass.add(actual: Int(generator.next() % 3), scores: $0) }
        }
        #expect(multiclass.violation(ScoreExpectation(coverage: .every, predictionsFromScores: true)) == nil)
        var rankings = multiclass
        // A prediction of a class without a score column cannot come from the scores.
        rankings.add(actual: 0, predicted: 4)
        #expect(rankings.violation(ScoreExpectation(coverage: .some, predictionsFromScores: true)) != nil)
    }

    @Test func honestRegressionStatesKeepTheirBoundsAndEditedOnesDoNot() throws {
        var generator = SplitMix64(seed: 4)
        var regression = RegressionAccumulator()
        for index in 0..<2_000 {
            let target = Double(Int(generator.next() % 20_001) - 10_000) / 7
            regression.add(target: target, prediction: target + Double(generator.next() % 100) / 3, count: index % 9 == 0 ? 3 : 1)
        }
        // The same target many times: the sum of squares is n times one exact square.
        regression.add(target: 0.1, prediction: 0.2, count: 1_000_000)
        #expect(regression.violation(.noScores) == nil)
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(regression)) as! [String: Any]
        json["maxError"] = 1e-3
        let edited = try JSONDecoder().decode(RegressionAccumulator.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(edited.violation(.noScores) != nil, "a largest error below the mean error")
    }

    @Test func aTallyOfPartsEqualsTheWholeWhateverClassesTheyMet() throws {
        var whole = MulticlassAccumulator(), first = MulticlassAccumulator(), second = MulticlassAccumulator()
        whole.add(actual: 0, predicted: 1)
        whole.add(actual: 3, predicted: 3)
        first.add(actual: 0, predicted: 1)
        second.add(actual: 3, predicted: 3)
        var sum = MulticlassAccumulator().tally(scores: true)
        #expect(sum.add(first.tally(scores: true)) && sum.add(second.tally(scores: true)))
        #expect(sum == whole.tally(scores: true))
        second.add(actual: 2, predicted: 2)
        var more = MulticlassAccumulator().tally(scores: true)
        #expect(more.add(first.tally(scores: true)) && more.add(second.tally(scores: true)))
        #expect(more != whole.tally(scores: true))
    }
}
