import ModelGate
import Predictors
import Tabular

/// The pass over a test set whose predictions come from the candidate's predictor. Rows are read
/// in batches of the predictor's `batch_size`; each batch's inputs go to the predictor, and its
/// answers are paired with the rows' labels in order. Memory holds one batch.
struct PredictorScan {
    var options: AccuracyOptions
    var path: String
    var predictor: any Predictor

    /// One batch waiting for its answers: what each row contributes besides the prediction.
    private struct Batch {
        var actual: [Int] = []
        var target: [Double] = []
        var slice: [Int?] = []
        var rowIndex: [Int] = []
        var requests = PredictionRequests()
        var count: Int { rowIndex.count }

        mutating func removeAll() {
            actual.removeAll(keepingCapacity: true)
            target.removeAll(keepingCapacity: true)
            slice.removeAll(keepingCapacity: true)
            rowIndex.removeAll(keepingCapacity: true)
            requests.removeAll()
        }
    }

    /// `shard`: only this share of the rows goes to the predictor and is counted.
    func run<Evaluator: TaskEvaluator>(make: @escaping () -> Evaluator, makeReplicate: (() -> Evaluator)?,
                                       sliceScores: Bool, shard: Shard? = nil) async throws -> AccuracyState<Evaluator> {
        let session = try await predictor.openSession()
        do {
            let state = try await scan(session, make: make, makeReplicate: makeReplicate, sliceScores: sliceScores, shard: shard)
            await session.close()
            return state
        } catch {
            await session.close()
            throw error
        }
    }

    private func scan<Evaluator: TaskEvaluator>(_ session: any PredictorSession, make: @escaping () -> Evaluator,
                                                makeReplicate: (() -> Evaluator)?, sliceScores: Bool,
                                                shard: Shard?) async throws -> AccuracyState<Evaluator> {
        var classes = ClassLabels(options)
        let reader = try openTable(path, format: options.format, missingValues: options.missingValues)
        let selection = try shard.map { shard throws(TabularError) in try ShardSelection(shard, options: options, reader: reader) }
        var fileRows = 0
        let labelSlot = try reader.slot(options.label)
        let sliceSlot = try options.sliceBy.map { name throws(TabularError) in try reader.slot(name) }
        let inputs = try RequestFields(predictor.inputs, in: reader)
        var accumulation = Accumulation(options: options, make: make, makeReplicate: makeReplicate, sliceScores: sliceScores)
        var sliceTable = LabelTable()
        var batch = Batch()
        var skipped = 0
        let isRegression = options.task == .regression

        while let row = try reader.next() {
            if row.number % TestSetScan.cancellationStride == 0 { try Task.checkCancellation() }
            fileRows = row.number
            if let selection, !selection.includes(row) { continue }
            var missingSlot: Slot?
            var actual = 0, target = 0.0
            if isRegression {
                if let value = try row.double(labelSlot), try options.usableTarget(value, row, labelSlot) { target = value } else { missingSlot = labelSlot }
            } else {
                if let id = try classes.id(row, labelSlot) { actual = id } else { missingSlot = labelSlot }
            }
            var sliceID: Int?
            if let slot = sliceSlot, missingSlot == nil {
                if let id = try row.label(slot, in: &sliceTable) { sliceID = id } else { missingSlot = slot }
                if sliceTable.count > options.maxSlices { throw options.tooManySlices(in: path) }
            }
            if let slot = missingSlot {
                guard options.missing == .skip else { throw row.error(slot, "missing value (set 'missing: skip' to skip and count such rows)") }
                skipped += 1
                continue
            }
            batch.actual.append(actual)
            batch.target.append(target)
            batch.slice.append(sliceID)
            batch.rowIndex.append(row.number - 1)
            batch.requests.append(row, inputs)
            if batch.count == predictor.batchSize {
                try await predict(&batch, session, into: &accumulation, classes: &classes)
            }
        }
        if batch.count > 0 { try await predict(&batch, session, into: &accumulation, classes: &classes) }
        return accumulation.state(classes: classes.table, slices: sliceTable, skippedRows: skipped, join: nil,
                                  data: .measure(path, rows: fileRows), predictions: nil)
    }

    /// Sends the batch, pairs each answer with its row, and empties the batch.
    private func predict<Evaluator: TaskEvaluator>(_ batch: inout Batch, _ session: any PredictorSession,
                                                   into accumulation: inout Accumulation<Evaluator>,
                                                   classes: inout ClassLabels) async throws {
        let answers: [PredictionAnswer]
        do {
            answers = try await session.predict(batch.requests)
        } catch let failure as PredictionFailure {
            throw GateFailure("the predictor's answer for data row \(batch.rowIndex[failure.request] + 1): \(failure.message)")
        }
        let reader = PredictorAnswer(task: options.task, width: options.classScoreCount ?? 0)
        var scores: [Double] = []
        for (index, line) in answers.enumerated() {
            var decoded = DecodedRow()
            decoded.actual = batch.actual[index]
            decoded.target = batch.target[index]
            do {
                try reader.read(line, into: &decoded, scores: &scores, classes: &classes)
            } catch let failure as GateFailure {
                throw GateFailure("the predictor's answer for data row \(batch.rowIndex[index] + 1): \(failure.message)")
            }
            if scores.isEmpty {
                accumulation.add(decoded, slice: batch.slice[index], rowIndex: batch.rowIndex[index])
            } else {
                scores.withUnsafeBufferPointer { buffer in
                    decoded.scores = buffer
                    accumulation.add(decoded, slice: batch.slice[index], rowIndex: batch.rowIndex[index])
                }
            }
        }
        batch.removeAll()
    }
}
