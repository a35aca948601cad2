/// Mergeable state of the binary-classification metrics, fed one decoded row at a time.
//
// Labels and predictions arrive as "is the positive class" (the gate maps its label table's
// positive id to `true`). Scores are the positive class's probability or any real margin; the
// probabilistic losses need [0, 1], the rankings accept any finite score. Every part is a count
// or an exact sum, so `merge` of shards equals one pass bit for bit.
public struct BinaryAccumulator: Sendable, Equatable, Codable {
    /// Rows with only a score are predicted positive when `score > threshold`: strictly, as
    /// scikit-learn's `predict` (decision function > 0, i.e. probability > 0.5; argmax ties
    /// go to the first class, the negative one).
    public let threshold: Double
    public private(set) var truePositives = 0
    public private(set) var falsePositives = 0
    public private(set) var trueNegatives = 0
    public private(set) var falseNegatives = 0
    /// Rows that came with a score (finite or not).
    public private(set) var scoredRows = 0
    /// Scored rows whose score was NaN or infinite; they are left out of every score metric.
    public private(set) var nonFiniteScores = 0
    /// Scored rows whose score was outside [0, 1]: not a probability, so no log loss or Brier.
    public private(set) var scoresOutsideUnitInterval = 0
    public private(set) var ranking: ScoreRanking
    private(set) var logLossSum = ExactSum()
    private(set) var brierSum = ExactSum()

    public init(threshold: Double = 0.5, rankingCapacity: Int = ScoreRanking.defaultCapacity) {
        self.threshold = threshold
        ranking = ScoreRanking(capacity: rankingCapacity)
    }

    public var rows: Int { truePositives + falsePositives + trueNegatives + falseNegatives }

    /// A row with a hard prediction and no score.
    @inline(__always)
    public mutating func add(actual: Bool, predicted: Bool, count: Int = 1) {
        precondition(count >= 0, "a row count cannot be negative")
        // Branch-free: labels and predictions of real data are too irregular to predict.
        truePositives &+= actual && predicted ? count : 0
        falsePositives &+= !actual && predicted ? count : 0
        trueNegatives &+= !actual && !predicted ? count : 0
        falseNegatives &+= actual && !predicted ? count : 0
    }

    /// A row with only a score; its prediction is `score > threshold`.
    @inline(__always)
    public mutating func add(actual: Bool, score: Double, count: Int = 1) {
        add(actual: actual, predicted: score > threshold, score: score, count: count)
    }

    /// A row with both a prediction and a score.
    @inline(__always)
    public mutating func add(actual: Bool, predicted: Bool, score: Double, count: Int = 1) {
        add(actual: actual, predicted: predicted, count: count)
        scoredRows += count
        guard score.isFinite else {
            nonFiniteScores += count
            return
        }
        ranking.add(score, positive: actual, count: count)
        guard score >= 0 && score <= 1 else {
            scoresOutsideUnitInterval += count
            return
        }
        let logLoss = ProbabilityLoss.logLoss(probabilityOfTrueClass: actual ? score : 1 - score)
        let miss = (actual ? 1 : 0) - score
        if count == 1 {
            logLossSum.add(logLoss)
            brierSum.add(miss * miss)
        } else {
            logLossSum.addProduct(logLoss, Double(count))
            brierSum.addProduct(miss * miss, Double(count))
        }
    }

    /// Adds another shard's rows; both must use the same threshold.
    public mutating func merge(_ other: BinaryAccumulator) throws {
        guard threshold == other.threshold else {
            throw MetricStateError.thresholdMismatch(threshold, other.threshold)
        }
        truePositives += other.truePositives
        falsePositives += other.falsePositives
        trueNegatives += other.trueNegatives
        falseNegatives += other.falseNegatives
        scoredRows += other.scoredRows
        nonFiniteScores += other.nonFiniteScores
        scoresOutsideUnitInterval += other.scoresOutsideUnitInterval
        ranking.merge(other.ranking)
        logLossSum.add(other.logLossSum)
        brierSum.add(other.brierSum)
    }

    /// Merges `blocks[i]` `times[i]` times each, as a bootstrap replicate does, but takes their
    /// merged ranking as given: `RankingMix` builds it from all the blocks at once.
    mutating func merge(_ blocks: [BinaryAccumulator], times: [Int], mergedRanking: ScoreRanking) throws {
        for (block, count) in zip(blocks, times) where count > 0 {
            guard threshold == block.threshold else {
                throw MetricStateError.thresholdMismatch(threshold, block.threshold)
            }
            truePositives += count * block.truePositives
            falsePositives += count * block.falsePositives
            trueNegatives += count * block.trueNegatives
            falseNegatives += count * block.falseNegatives
            scoredRows += count * block.scoredRows
            nonFiniteScores += count * block.nonFiniteScores
            scoresOutsideUnitInterval += count * block.scoresOutsideUnitInterval
            logLossSum.add(block.logLossSum, times: count)
            brierSum.add(block.brierSum, times: count)
        }
        ranking = mergedRanking
    }

    /// This state without its ranking's entries (a replicate builder keeps the rest of each block).
    var withoutRankingEntries: BinaryAccumulator {
        var copy = self
        copy.ranking = ScoreRanking(capacity: ranking.capacity)
        return copy
    }
}
