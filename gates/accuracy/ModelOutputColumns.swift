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
    /// `missing: skip`: an unusable value (a score that is not a probability) is skipped like a missing one.
    private let skipUnusable: Bool

    /// Columns that read nothing, for a scan whose outputs come from elsewhere. (Not an optional:
    /// taking a struct of slots out of an optional for every row copies it, which costs time.)
    init() {
        task = .regression
        prediction = nil
        score = nil
        classScores = []
        scoreArray = nil
        width = 0
        skipUnusable = false
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
        skipUnusable = options.missing == .skip
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
                guard let value = try row.double(slot), try usable(value, row, slot, .probability) else { return slot }
                decoded.score = value
            }
            for (index, slot) in classScores.enumerated() {
                guard let value = try row.double(slot), try usable(value, row, slot, .probability) else { return slot }
                scores[index] = value
            }
            if let slot = scoreArray {
                guard try row.doubles(slot, into: &scores) else { return slot }
                guard scores.count == width else {
                    throw row.error(slot, "expected \(width) scores, one per class in 'classes', got \(scores.count)")
                }
                for value in scores where !(try usable(value, row, slot, .probability)) { return slot }
            }
        case .regression:
            if let slot = prediction {
                guard let value = try row.double(slot), try usable(value, row, slot, .finite) else { return slot }
                decoded.prediction = value
            }
        }
        return nil
    }

    /// Whether a model output can enter the metrics: a score is a probability, a regression
    /// value a finite number. NaN or 1e999 would otherwise poison a metric, or be ranked as the
    /// surest prediction of all, and pass. Under `missing: skip` such a row is skipped and
    /// counted; otherwise it stops the gate, naming file, row and column.
    @inline(__always)
    private func usable(_ value: Double, _ row: Row, _ slot: Slot, _ kind: OutputValue) throws(TabularError) -> Bool {
        switch kind {
        case .probability: if value >= 0 && value <= 1 { return true }
        case .finite: if value.isFinite { return true }
        }
        guard skipUnusable else { throw row.error(slot, kind.problem(value) + " (set 'missing: skip' to skip and count such rows)") }
        return false
    }
}

/// What a model output must be to be measured.
enum OutputValue {
    case probability, finite

    func problem(_ value: Double) -> String {
        switch self {
        case .probability: return "a score must be a probability in [0, 1], got \(value)"
        case .finite: return "a prediction must be a finite number, got \(value)"
        }
    }
}

extension AccuracyOptions {
    /// Whether a regression target can be measured: a finite number (see `OutputValue`).
    func usableTarget(_ value: Double, _ row: Row, _ slot: Slot) throws(TabularError) -> Bool {
        if value.isFinite { return true }
        guard missing == .skip else {
            throw row.error(slot, "the label must be a finite number, got \(value) (set 'missing: skip' to skip and count such rows)")
        }
        return false
    }
}
