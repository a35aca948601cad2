/// One row of a test set, decoded: class ids (binary: 1 is the positive class) or numbers.
struct DecodedRow {
    var actual = 0
    var predicted: Int?
    var score: Double?
    var scores: UnsafeBufferPointer<Double>?
    var target = 0.0
    var prediction = 0.0
}

extension DecodedRow {
    /// The same row with its prediction made from its scores, as the accumulators would make it,
    /// and the scores dropped: slices that judge no ranking metric need no score rankings, which
    /// are most of an accumulator's time and memory.
    func withoutScores(threshold: Double) -> DecodedRow {
        var row = self
        if let score {
            if predicted == nil { row.predicted = score > threshold ? 1 : 0 }
            row.score = nil
        }
        if let scores {
            if predicted == nil { row.predicted = MulticlassAccumulator.argmax(scores) }
            row.scores = nil
        }
        return row
    }
}

/// Metrics that need scores, not just predictions.
let scoreMetrics: Set<String> = ["roc_auc", "pr_auc", "log_loss", "brier"]

/// The accumulators of the three tasks behind one face, so the scan is written once and
/// specialised per task (a generic, not an enum: mutating an enum payload per row would copy it).
protocol TaskEvaluator: Sendable, Codable, CheckedState {
    var rows: Int { get }
    mutating func add(_ row: DecodedRow, count: Int)
    mutating func merge(_ other: Self) throws
    func metrics() -> [MetricResult]
    /// How many ids of the class table the state uses (0 for binary and regression states).
    var classIDCount: Int { get }
    /// Whether every count is in `0...MetricCounts.maximum`: checked on states read from a report.
    var countsAreValid: Bool { get }
    /// The same rows under other class ids (`newID[old]`); binary and regression states have none to renumber.
    func remappingClasses(_ newID: [Int]) -> Self
    /// The state as slices and bootstrap blocks keep it: without what only the overall report
    /// shows (a multiclass confusion matrix, 8 MB at a thousand classes).
    func droppingConfusionMatrix() -> Self
    /// Builds bootstrap replicates from block states (see `BlockBootstrap`); the default merges
    /// each drawn block as many times as it was drawn.
    static func replicateBuilder(blocks: [Self], make: () -> Self) throws -> ReplicateBuilder<Self>
}

extension BinaryAccumulator {
    // Binary states hold 1 (positive) and 0, never table ids.
    var classIDCount: Int { 0 }
    func remappingClasses(_ newID: [Int]) -> BinaryAccumulator { self }
    func droppingConfusionMatrix() -> BinaryAccumulator { self }
}

extension RegressionAccumulator {
    var classIDCount: Int { 0 }
    func remappingClasses(_ newID: [Int]) -> RegressionAccumulator { self }
    func droppingConfusionMatrix() -> RegressionAccumulator { self }
}

extension MulticlassAccumulator {
    var classIDCount: Int { counts.classCount }
}

/// Makes the state of a bootstrap replicate from how many times each block was drawn: the
/// state of merging block i `times[i]` times into `make()`, whatever way it is computed.
/// Sendable, so that replicates can be built on several threads.
struct ReplicateBuilder<Evaluator: TaskEvaluator>: Sendable {
    let build: @Sendable (_ times: [Int]) throws -> Evaluator
}

extension TaskEvaluator {
    static func replicateBuilder(blocks: [Self], make: () -> Self) throws -> ReplicateBuilder<Self> {
        try mergingReplicateBuilder(blocks: blocks, make: make)
    }

    /// Block after block, each as many times as drawn. (Settling each block's pending rows once
    /// up front would be faster, but would hold a second copy of every block.)
    static func mergingReplicateBuilder(blocks: [Self], make: () -> Self) throws -> ReplicateBuilder<Self> {
        let empty = make()
        return ReplicateBuilder { times in
            var state = empty
            for (block, count) in zip(blocks, times) {
                for _ in 0..<count { try state.merge(block) }
            }
            return state
        }
    }
}

extension BinaryAccumulator: TaskEvaluator {
    /// Replicates take their rankings from one `RankingMix` of the blocks' rankings.
    static func replicateBuilder(blocks: [Self], make: () -> Self) throws -> ReplicateBuilder<Self> {
        let empty = make()
        guard empty.rows == 0, empty.ranking.entryCount == 0, let mix = RankingMix(count: blocks.count, ranking: { blocks[$0].ranking }),
              mix.capacity == empty.ranking.capacity else {
            return try mergingReplicateBuilder(blocks: blocks, make: make)
        }
        let rest = blocks.map(\.withoutRankingEntries)
        return ReplicateBuilder { times in
            var state = empty
            try state.merge(rest, times: times, mergedRanking: mix.ranking(times: times))
            return state
        }
    }

    mutating func add(_ row: DecodedRow, count: Int) {
        let actual = row.actual == 1
        switch (row.predicted, row.score) {
        case let (predicted?, score?): add(actual: actual, predicted: predicted == 1, score: score, count: count)
        case let (nil, score?): add(actual: actual, score: score, count: count)
        case let (predicted?, nil): add(actual: actual, predicted: predicted == 1, count: count)
        case (nil, nil): preconditionFailure("the scan checks that a binary task has a prediction or a score")
        }
    }
}

extension MulticlassAccumulator: TaskEvaluator {
    mutating func add(_ row: DecodedRow, count: Int) {
        switch (row.predicted, row.scores) {
        case let (predicted?, scores?): add(actual: row.actual, predicted: predicted, scores: scores, count: count)
        case let (nil, scores?): add(actual: row.actual, scores: scores, count: count)
        case let (predicted?, nil): add(actual: row.actual, predicted: predicted, count: count)
        case (nil, nil): preconditionFailure("the scan checks that a multiclass task has a prediction or scores")
        }
    }
}

extension RegressionAccumulator: TaskEvaluator {
    mutating func add(_ row: DecodedRow, count: Int) {
        add(target: row.target, prediction: row.prediction, count: count)
    }
}
