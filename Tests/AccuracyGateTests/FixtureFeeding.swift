@testable import AccuracyGate

// Feeds a fixture's rows to the accumulators the way the gate will: labels become dense ids.
extension MetricFixture {
    /// Binary rows `indices` of this fixture, added to `accumulator`.
    func feedBinary(_ accumulator: inout BinaryAccumulator, rows indices: some Sequence<Int>) {
        let labels = rows.label!
        for index in indices {
            let actual = labels[index] == positive
            switch (rows.prediction, rows.score) {
            case let (predictions?, scores?):
                accumulator.add(actual: actual, predicted: predictions[index] == positive, score: scores[index])
            case let (nil, scores?):
                accumulator.add(actual: actual, score: scores[index])
            case let (predictions?, nil):
                accumulator.add(actual: actual, predicted: predictions[index] == positive)
            case (nil, nil):
                preconditionFailure("a binary fixture needs predictions or scores")
            }
        }
    }

    func binaryAccumulator(rankingCapacity: Int = ScoreRanking.defaultCapacity) -> BinaryAccumulator {
        var accumulator = BinaryAccumulator(threshold: threshold ?? 0.5, rankingCapacity: rankingCapacity)
        feedBinary(&accumulator, rows: 0..<rowCount)
        return accumulator
    }

    /// Class ids: the score columns' order when there are scores, else order of first appearance
    /// (as a gate's label table assigns them), so no metric may depend on the ids' order.
    var classIDs: [Label: Int] {
        if rows.scores != nil {
            return Dictionary(uniqueKeysWithValues: classes!.enumerated().map { ($1, $0) })
        }
        var ids: [Label: Int] = [:]
        for index in 0..<rowCount {
            for label in [rows.label![index], rows.prediction![index]] where ids[label] == nil {
                ids[label] = ids.count
            }
        }
        return ids
    }

    /// Multiclass rows `indices`, with ids mapped through `id` (to test sparse or late ids).
    func feedMulticlass(_ accumulator: inout MulticlassAccumulator, rows indices: some Sequence<Int>,
                        withScores: Bool = true, id: (Int) -> Int = { $0 }) {
        let ids = classIDs
        for index in indices {
            let actual = id(ids[rows.label![index]]!)
            let predicted = id(ids[rows.prediction![index]]!)
            if withScores, let scores = rows.scores {
                scores[index].withUnsafeBufferPointer { accumulator.add(actual: actual, predicted: predicted, scores: $0) }
            } else {
                accumulator.add(actual: actual, predicted: predicted)
            }
        }
    }

    func multiclassAccumulator(rankingBudget: Int = ScoreRanking.defaultCapacity) -> MulticlassAccumulator {
        let width = rows.scores.map { $0[0].count }
        var accumulator = MulticlassAccumulator(scoreClassCount: width, rankingBudget: rankingBudget)
        feedMulticlass(&accumulator, rows: 0..<rowCount)
        return accumulator
    }

    func feedRegression(_ accumulator: inout RegressionAccumulator, rows indices: some Sequence<Int>) {
        for index in indices {
            accumulator.add(target: rows.target![index], prediction: rows.prediction![index].number)
        }
    }

    func regressionAccumulator() -> RegressionAccumulator {
        var accumulator = RegressionAccumulator()
        feedRegression(&accumulator, rows: 0..<rowCount)
        return accumulator
    }
}
