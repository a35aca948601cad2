/// Mergeable state of the multiclass metrics, fed one decoded row at a time; classes may appear late.
//
// Labels and predictions are dense class ids from the gate's label table; a new id grows the
// counts (amortised). Score vectors have a fixed width given up front: column i scores class
// id i, so the ids of the classes with a score column must be 0..<scoreClassCount. Ids past the
// width may still appear as labels or predictions (then roc_auc and log_loss are undefined, as
// scikit-learn refuses them).
public struct MulticlassAccumulator: Sendable, Equatable, Codable {
    /// The smallest share of the ranking budget a class gets (1024 entries, 48 KB).
    public static let minimumRankingCapacity = 1024

    /// Width of each row's score vector; nil when the rows carry no scores.
    public let scoreClassCount: Int?
    public private(set) var counts: ConfusionCounts
    /// Rows that came with a score vector.
    public private(set) var scoredRows = 0
    /// Scored rows with a NaN or infinite score; left out of every score metric.
    public private(set) var nonFiniteScoreRows = 0
    /// Scored rows with a score outside [0, 1]: scikit-learn refuses log loss on them.
    public private(set) var rowsWithScoresOutsideUnitInterval = 0
    /// Scored rows whose scores do not sum to 1 (numpy's allclose: |1 - sum| <= 1e-8 + 1e-5 |sum|):
    /// scikit-learn refuses one-vs-rest roc_auc on them.
    public private(set) var rowsWithScoresNotSummingToOne = 0
    /// Scored rows whose label has no score column.
    public private(set) var labelsWithoutScoreColumn = 0
    /// One-vs-rest rankings, one per score column.
    public private(set) var rankings: [ScoreRanking]
    private(set) var logLossSum = ExactSum()

    /// `rankingBudget` entries are shared by the one-vs-rest rankings (each gets at least
    /// `minimumRankingCapacity`), so memory stays bounded whatever the number of classes.
    public init(scoreClassCount: Int? = nil, rankingBudget: Int = ScoreRanking.defaultCapacity) {
        precondition((scoreClassCount ?? 2) >= 2, "a score vector needs at least two classes")
        self.scoreClassCount = scoreClassCount
        counts = ConfusionCounts(classCount: scoreClassCount ?? 0)
        let width = scoreClassCount ?? 0
        let capacity = max(Self.minimumRankingCapacity, rankingBudget / max(width, 1))
        rankings = Array(repeating: ScoreRanking(capacity: capacity), count: width)
    }

    public var rows: Int { counts.rows }

    /// A row with a hard prediction and no scores.
    @inline(__always)
    public mutating func add(actual: Int, predicted: Int, count: Int = 1) {
        precondition(count >= 0, "a row count cannot be negative")
        counts.add(actual: actual, predicted: predicted, count: count)
    }

    /// A row with only scores; its prediction is the first column with the highest score
    /// (numpy's argmax, as scikit-learn's `predict`).
    @inline(__always)
    public mutating func add(actual: Int, scores: UnsafeBufferPointer<Double>, count: Int = 1) {
        add(actual: actual, predicted: Self.argmax(scores), scores: scores, count: count)
    }

    /// A row with a prediction and a score vector of width `scoreClassCount`.
    @inline(__always)
    public mutating func add(actual: Int, predicted: Int, scores: UnsafeBufferPointer<Double>, count: Int = 1) {
        precondition(scores.count == scoreClassCount, "score vectors must have scoreClassCount entries")
        add(actual: actual, predicted: predicted, count: count)
        scoredRows += count
        var sum = 0.0
        var probabilities = true
        for score in scores {
            guard score.isFinite else {
                nonFiniteScoreRows += count
                return
            }
            sum += score
            if score < 0 || score > 1 { probabilities = false }
        }
        if !probabilities { rowsWithScoresOutsideUnitInterval += count }
        if abs(1 - sum) > 1e-8 + 1e-5 * abs(sum) { rowsWithScoresNotSummingToOne += count }
        if actual < scores.count {
            if probabilities {
                let loss = ProbabilityLoss.logLoss(probabilityOfTrueClass: scores[actual])
                if count == 1 { logLossSum.add(loss) } else { logLossSum.addProduct(loss, Double(count)) }
            }
        } else {
            labelsWithoutScoreColumn += count
        }
        for column in 0..<scores.count {
            rankings[column].add(scores[column], positive: column == actual, count: count)
        }
    }

    /// Adds another shard's rows; both must have the same score width.
    public mutating func merge(_ other: MulticlassAccumulator) throws {
        guard scoreClassCount == other.scoreClassCount, rankings.count == other.rankings.count else {
            throw MetricStateError.scoreClassCountMismatch(scoreClassCount, other.scoreClassCount)
        }
        counts.merge(other.counts)
        scoredRows += other.scoredRows
        nonFiniteScoreRows += other.nonFiniteScoreRows
        rowsWithScoresOutsideUnitInterval += other.rowsWithScoresOutsideUnitInterval
        rowsWithScoresNotSummingToOne += other.rowsWithScoresNotSummingToOne
        labelsWithoutScoreColumn += other.labelsWithoutScoreColumn
        for column in rankings.indices { rankings[column].merge(other.rankings[column]) }
        logLossSum.add(other.logLossSum)
    }

    /// The same rows under other class ids (`newID[old]`), for merging shards that numbered their
    /// classes differently. Scored classes must keep their ids: their score columns fix them.
    public func remappingClasses(_ newID: [Int]) -> MulticlassAccumulator {
        precondition((0..<(scoreClassCount ?? 0)).allSatisfy { $0 >= newID.count || newID[$0] == $0 }, "scored classes keep their ids")
        var copy = self
        copy.counts = counts.remapped(newID, minimumClassCount: scoreClassCount ?? 0)
        return copy
    }

    /// The same state without the confusion matrix (the metrics need only per-class counts).
    public func droppingConfusionMatrix() -> MulticlassAccumulator {
        var copy = self
        copy.counts = counts.withoutMatrix()
        return copy
    }

    /// The first index of the highest score.
    @inline(__always)
    public static func argmax(_ scores: UnsafeBufferPointer<Double>) -> Int {
        var best = 0
        for index in scores.indices.dropFirst() where scores[index] > scores[best] { best = index }
        return best
    }
}
