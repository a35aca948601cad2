import ModelGate
import Tabular

/// A separate predictions file, read whole and kept by id, so that the test set can stream past it
/// and take each row's prediction by the row's id.
///
/// Memory grows with the predictions file (it is usually much smaller than the data): per
/// prediction, its id's bytes, 19–30 bytes of index (`IDIndex`), 1 of state, 4 for a predicted
/// class and 8 per score or predicted value; a million binary predictions with a score, a
/// predicted label and 12-character ids take about 50 MB, and up to twice that for a moment
/// while an array grows. The test set itself still streams in bounded memory.
struct PredictionJoin {
    /// What happened to one data row's id.
    enum Lookup { case found, missingOutput, unmatched }

    /// Counts for the evidence and for the error on unmatched ids.
    struct Counts: Codable, Equatable {
        var unmatchedRows = 0
        var unmatchedPredictions = 0
        var skippedPredictionRows = 0
    }

    let path: String
    private let column: String
    private let task: AccuracyOptions.Task
    private var index = IDIndex()
    /// Predicted class per entry, when the predictions file has a `prediction` column (classes).
    private var predicted: [Int32] = []
    private let hasPredictedClass: Bool
    /// `stride` values per entry: the score (binary), the scores (multiclass) or the value (regression).
    private var values: [Double] = []
    private let stride: Int
    private var state: [UInt8] = []
    private static let matched: UInt8 = 1, missingValue: UInt8 = 2
    private(set) var counts = Counts()
    private var firstUnmatchedRow: (row: Int, id: String)?
    /// The predictions file's size and rows, for checking that shards read the same one.
    private(set) var input = InputFile(bytes: 0, rows: 0)

    /// Reads the predictions file. Missing ids and values stop the gate unless `missing: skip`;
    /// a duplicate id always does, naming its row. With a `shard`, only its ids are kept.
    init(options: AccuracyOptions, path: String, format: TableFormat, classes: inout ClassLabels, shard: Shard? = nil) throws {
        self.path = path
        column = options.idColumn ?? ""
        task = options.task
        hasPredictedClass = options.prediction != nil && task != .regression
        switch task {
        case .binary: stride = options.score == nil ? 0 : 1
        case .multiclass: stride = options.classScoreCount ?? 0
        case .regression: stride = 1
        }
        let skip = options.missing == .skip
        let reader = try openTable(path, format: format, missingValues: options.missingValues)
        let idSlot = try reader.slot(column)
        let columns = try ModelOutputColumns(options, reader: reader)
        var decoded = DecodedRow()
        var scores = [Double](repeating: 0, count: columns.width)
        let selection = try shard.map { shard throws(TabularError) in try ShardSelection(shard, options: options, reader: reader) }
        var fileRows = 0
        while let row = try reader.next() {
            if row.number % TestSetScan.cancellationStride == 0, Task.isCancelled { throw CancellationError() }
            fileRows = row.number
            if let selection, !selection.includes(row) { continue }
            guard !row.isMissing(idSlot) else {
                guard skip else { throw row.error(idSlot, "missing id (set 'missing: skip' to skip and count such rows)") }
                counts.skippedPredictionRows += 1
                continue
            }
            guard index.count < IDIndex.capacity else { throw row.error("more than \(IDIndex.capacity) predictions") }
            let id = row.bytes(idSlot)
            guard index.insert(id).inserted else {
                throw row.error(idSlot, "id \(Self.shown(id)) appears more than once; each id must have one prediction")
            }
            let missing = try columns.read(row, into: &decoded, scores: &scores, classes: &classes)
            if let missing, !skip {
                throw row.error(missing, "missing value (set 'missing: skip' to skip and count such rows)")
            }
            append(decoded, scores, missing: missing != nil)
        }
        input = .measure(path, rows: fileRows)
    }

    /// Takes the prediction for the data row's id (present: the caller checks) into `decoded` and
    /// `scores`. An id no prediction has is counted; an id seen before in the data is an error.
    mutating func lookUp(_ row: Row, id slot: Slot, into decoded: inout DecodedRow,
                         scores: inout [Double]) throws(TabularError) -> Lookup {
        let id = row.bytes(slot)
        guard let entry = index.find(id) else {
            counts.unmatchedRows += 1
            if firstUnmatchedRow == nil { firstUnmatchedRow = (row.number, Self.shown(id)) }
            return .unmatched
        }
        guard state[entry] & Self.matched == 0 else {
            throw row.error(slot, "id \(Self.shown(id)) appears more than once in the data, so one prediction would count twice")
        }
        state[entry] |= Self.matched
        if state[entry] & Self.missingValue != 0 { return .missingOutput }
        if hasPredictedClass { decoded.predicted = Int(predicted[entry]) }
        let first = entry * stride
        switch task {
        case .binary:
            if stride > 0 { decoded.score = values[first] }
        case .multiclass:
            if scores.count != stride { scores = [Double](repeating: 0, count: stride) }
            for offset in 0 ..< stride { scores[offset] = values[first + offset] }
        case .regression:
            decoded.prediction = values[first]
        }
        return .found
    }

    private mutating func append(_ decoded: DecodedRow, _ scores: [Double], missing: Bool) {
        state.append(missing ? Self.missingValue : 0)
        if hasPredictedClass { predicted.append(missing ? -1 : Int32(truncatingIfNeeded: decoded.predicted ?? -1)) }
        switch task {
        case .binary where stride > 0: values.append(missing ? 0 : decoded.score ?? 0)
        case .binary: break
        case .multiclass:
            for offset in 0 ..< stride { values.append(missing || offset >= scores.count ? 0 : scores[offset]) }
        case .regression: values.append(missing ? 0 : decoded.prediction)
        }
    }

    /// Once the data is read: counts the predictions no row matched, and describes every unmatched
    /// id (nil when there is none).
    mutating func finish(dataPath: String) -> String? {
        var firstUnmatchedPrediction: Int?
        for entry in state.indices where state[entry] & Self.matched == 0 {
            counts.unmatchedPredictions += 1
            if firstUnmatchedPrediction == nil { firstUnmatchedPrediction = entry }
        }
        guard counts.unmatchedRows > 0 || counts.unmatchedPredictions > 0 else { return nil }
        let rows = counts.unmatchedRows, predictions = counts.unmatchedPredictions
        var text = "joining \(dataPath) to \(path) on '\(column)': "
            + (rows == 1 ? "1 row has no prediction" : "\(rows) rows have no prediction")
        if let (row, id) = firstUnmatchedRow { text += " (the first: row \(row), id \(id))" }
        text += predictions == 1 ? " and 1 prediction matches no row" : " and \(predictions) predictions match no row"
        if let entry = firstUnmatchedPrediction {
            text += " (the first: id \(index.id(at: entry).withUnsafeBytes { Self.shown($0) }))"
        }
        return text
    }

    /// An id as messages show it: whole when short, else its start and `***`, so that a long id
    /// (which may carry personal data, like an email address) never appears in full.
    static func shown(_ id: UnsafeRawBufferPointer) -> String {
        guard let text = String(validating: id, as: UTF8.self) else { return "(not UTF-8)" }
        let printable = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" }
        guard printable else { return "\"?***\"" }
        return text.count <= 12 ? "\"\(text)\"" : "\"\(text.prefix(4))***\""
    }
}
