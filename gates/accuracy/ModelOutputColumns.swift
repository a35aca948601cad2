import Tabular

/// Where a model's output is in a table: a predicted label or value, a positive-class score, or
/// per-class scores. The same columns are read from the test set itself or from a separate
/// predictions file.
struct ModelOutputColumns {
    private let task: AccuracyOptions.Task
    private let prediction: Slot?
    private let score: Slot?
    private let classScores: [Slot]
    private let scoreArray: Slot?
    /// Per-class scores in a row (0 without them).
    let width: Int

    /// Columns that read nothing, for a scan whose outputs come from elsewhere. (Not an optional:
    /// taking a struct of slots out of an optional for every row copies it, which costs time.)
    init() {
        task = .regression
        prediction = nil
        score = nil
        classScores = []
        scoreArray = nil
        width = 0
    }

    init(_ options: AccuracyOptions, reader: any RowReader) throws(TabularError) {
        task = options.task
        prediction = try options.prediction.map { name throws(TabularError) in try reader.slot(name) }
        score = try options.score.map { name throws(TabularError) in try reader.slot(name) }
        var classScores: [Slot] = []
        var scoreArray: Slot?
        switch options.classScores {
        case .columns(let columns)?:
            for (_, column) in columns { classScores.append(try reader.slot(column)) }
        case .array(let column, _)?:
            scoreArray = try reader.slot(column)
        case nil:
            break
        }
        self.classScores = classScores
        self.scoreArray = scoreArray
        width = options.classScoreCount ?? 0
    }

    /// Reads the row's output into `decoded`, and per-class scores into `scores`. Returns the slot
    /// of the first missing value (the caller skips or fails), nil when every value is there.
    func read(_ row: Row, into decoded: inout DecodedRow, scores: inout [Double],
              classes: inout ClassLabels) throws(TabularError) -> Slot? {
        switch task {
        case .binary, .multiclass:
            if let slot = prediction {
                guard let id = try classes.id(row, slot) else { return slot }
                decoded.predicted = id
            }
            if let slot = score {
                guard let value = try row.double(slot) else { return slot }
                decoded.score = value
            }
            for (index, slot) in classScores.enumerated() {
                guard let value = try row.double(slot) else { return slot }
                scores[index] = value
            }
            if let slot = scoreArray {
                guard try row.doubles(slot, into: &scores) else { return slot }
                guard scores.count == width else {
                    throw row.error(slot, "expected \(width) scores, one per class in 'classes', got \(scores.count)")
                }
            }
        case .regression:
            if let slot = prediction {
                guard let value = try row.double(slot) else { return slot }
                decoded.prediction = value
            }
        }
        return nil
    }
}
