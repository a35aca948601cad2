import ModelGate
import Statistics
import Tabular

/// The single streaming pass over a test set: decodes the configured columns of each row and feeds
/// every accumulator that row belongs to. Memory is bounded by the accumulators, not the file (a
/// separate predictions file, joined by id, is the exception: see `PredictionJoin`).
struct TestSetScan {
    var options: AccuracyOptions
    /// The data file, resolved against the pipeline file's folder.
    var path: String
    /// The predictions file, resolved likewise, when predictions are joined by id.
    var predictionsPath: String?

    /// Rows between cancellation checks: often enough to stop within milliseconds, rarely enough to cost nothing.
    static let cancellationStride = 1 << 16

    /// `sliceScores`: whether a slice judges a metric that needs scores (roc_auc, log_loss, ...).
    /// `shard`: only this share of the rows is decoded and counted (`ShardSelection`).
    func run<Evaluator: TaskEvaluator>(make: @escaping () -> Evaluator, makeReplicate: (() -> Evaluator)?,
                                       sliceScores: Bool = true, shard: Shard? = nil) throws -> AccuracyState<Evaluator> {
        var classes = ClassLabels(options)
        // A predictions file is read first, whole: the test set then streams past it.
        var join = try predictionsPath.map { path in
            try PredictionJoin(options: options, path: path, format: options.predictions?.format ?? options.format,
                               classes: &classes, shard: shard)
        }
        let reader = try openTable(path, format: options.format, missingValues: options.missingValues)
        let labelSlot = try reader.slot(options.label)
        let sliceSlot = try options.sliceBy.map { name throws(TabularError) in try reader.slot(name) }
        // The model's output is in this file's columns, or in the joined file under this row's id.
        let columns = join == nil ? try ModelOutputColumns(options, reader: reader) : ModelOutputColumns()
        let idSlot = join == nil ? nil : try reader.slot(options.idColumn ?? "")
        let scoreWidth = options.classScoreCount ?? 0
        let selection = try shard.map { shard throws(TabularError) in try ShardSelection(shard, options: options, reader: reader) }
        var fileRows = 0

        // Rows are added to the accumulators on a second thread, while the next ones are read.
        let pipeline = AccumulationPipeline(Accumulation(options: options, make: make, makeReplicate: makeReplicate, sliceScores: sliceScores),
                                            scoreWidth: scoreWidth)
        var sliceTable = LabelTable()
        var scoreBuffer = [Double](repeating: 0, count: scoreWidth)
        var skipped = 0
        var decoded = DecodedRow()
        let isRegression = options.task == .regression
        let skipMissing = options.missing == .skip

        while let row = try reader.next() {
            if row.number % Self.cancellationStride == 0, Task.isCancelled { throw CancellationError() }
            fileRows = row.number
            if let selection, !selection.includes(row) { continue }
            // Each read returns nil for a missing value; the first missing one decides the row's fate.
            var missingSlot: Slot?
            if let idSlot {
                // Looked up first, so that every unmatched id is counted, whatever else the row lacks.
                if row.isMissing(idSlot) {
                    missingSlot = idSlot
                } else {
                    switch try join!.lookUp(row, id: idSlot, into: &decoded, scores: &scoreBuffer) {
                    case .found: break
                    case .missingOutput, .unmatched:
                        // A missing value was refused when reading the predictions, unless skipping;
                        // unmatched ids are an error after the pass, with their counts.
                        if skipMissing { skipped += 1 }
                        continue
                    }
                }
            }
            if missingSlot == nil {
                if isRegression {
                    if let target = try row.double(labelSlot), try options.usableTarget(target, row, labelSlot) { decoded.target = target } else { missingSlot = labelSlot }
                } else {
                    if let id = try classes.id(row, labelSlot) { decoded.actual = id } else { missingSlot = labelSlot }
                }
            }
            if idSlot == nil, missingSlot == nil {
                missingSlot = try columns.read(row, into: &decoded, scores: &scoreBuffer, classes: &classes)
            }
            var sliceID: Int?
            if let slot = sliceSlot, missingSlot == nil {
                if let id = try row.label(slot, in: &sliceTable) { sliceID = id } else { missingSlot = slot }
                if sliceTable.count > options.maxSlices { throw options.tooManySlices(in: path) }
            }
            if let slot = missingSlot {
                guard skipMissing else { throw row.error(slot, "missing value (set 'missing: skip' to skip and count such rows)") }
                skipped += 1
                continue
            }
            if scoreWidth > 0 {
                scoreBuffer.withUnsafeBufferPointer { buffer in
                    decoded.scores = buffer
                    pipeline.add(decoded, slice: sliceID, rowIndex: row.number - 1)
                    decoded.scores = nil
                }
            } else {
                pipeline.add(decoded, slice: sliceID, rowIndex: row.number - 1)
            }
        }
        if let problem = join?.finish(dataPath: path), !skipMissing {
            throw GateFailure(problem + "; every row needs one prediction (set 'missing: skip' to skip and count unmatched ids)")
        }
        return pipeline.finish().state(classes: classes.table, slices: sliceTable, skippedRows: skipped, join: join?.counts,
                                       data: .measure(path, rows: fileRows), predictions: join?.input)
    }
}
