import Document
import ModelGate
import Tabular

/// The pass over a test set whose predictions come from the candidate's predictor. Rows are read
/// in batches of the predictor's `batch_size`; each batch's inputs go to the predictor as JSON
/// lines, and its answers are paired with the rows' labels in order. Memory holds one batch.
struct PredictorScan {
    var options: AccuracyOptions
    var path: String
    var predictor: CommandPredictor

    /// One batch waiting for its answers: what each row contributes besides the prediction.
    private struct Batch {
        var actual: [Int] = []
        var target: [Double] = []
        var slice: [Int?] = []
        var rowIndex: [Int] = []
        var input: [UInt8] = []
        var count: Int { rowIndex.count }

        mutating func removeAll() {
            actual.removeAll(keepingCapacity: true)
            target.removeAll(keepingCapacity: true)
            slice.removeAll(keepingCapacity: true)
            rowIndex.removeAll(keepingCapacity: true)
            input.removeAll(keepingCapacity: true)
        }
    }

    /// `shard`: only this share of the rows goes to the predictor and is counted.
    func run<Evaluator: TaskEvaluator>(make: @escaping () -> Evaluator, makeReplicate: (() -> Evaluator)?,
                                       sliceScores: Bool, shard: Shard? = nil) async throws -> AccuracyState<Evaluator> {
        var classes = ClassLabels(options)
        let reader = try openTable(path, format: options.format, missingValues: options.missingValues)
        let selection = try shard.map { shard throws(TabularError) in try ShardSelection(shard, options: options, reader: reader) }
        var fileRows = 0
        let labelSlot = try reader.slot(options.label)
        let sliceSlot = try options.sliceBy.map { name throws(TabularError) in try reader.slot(name) }
        // Each input's `"name":` is encoded once, not once per row.
        let inputs = try predictor.config.inputs.map { name throws(TabularError) in
            (Array((JSONWriter.write(Node(.string(name)), pretty: false) + ":").utf8), try reader.slot(name))
        }
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
                if let value = try row.double(labelSlot) { target = value } else { missingSlot = labelSlot }
            } else {
                if let id = try classes.id(row, labelSlot) { actual = id } else { missingSlot = labelSlot }
            }
            var sliceID: Int?
            if let slot = sliceSlot, missingSlot == nil {
                if let id = try row.label(slot, in: &sliceTable) { sliceID = id } else { missingSlot = slot }
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
            Self.appendInputs(of: row, inputs, to: &batch.input)
            if batch.count == predictor.config.batchSize {
                try await predict(&batch, into: &accumulation, classes: &classes)
            }
        }
        if batch.count > 0 { try await predict(&batch, into: &accumulation, classes: &classes) }
        return accumulation.state(classes: classes.table, slices: sliceTable, skippedRows: skipped, join: nil,
                                  data: .measure(path, rows: fileRows), predictions: nil)
    }

    /// Sends the batch, pairs each answer with its row, and empties the batch.
    private func predict<Evaluator: TaskEvaluator>(_ batch: inout Batch, into accumulation: inout Accumulation<Evaluator>,
                                                   classes: inout ClassLabels) async throws {
        let answers = try await predictor.predict(batch.input, rows: batch.count)
        let reader = PredictorAnswer(task: options.task, width: options.classScoreCount ?? 0)
        var scores: [Double] = []
        for (index, line) in answers.enumerated() {
            var decoded = DecodedRow()
            decoded.actual = batch.actual[index]
            decoded.target = batch.target[index]
            do {
                try reader.read(Array(line), into: &decoded, scores: &scores, classes: &classes)
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

    /// The row's inputs as one JSON object line: numbers as numbers, other text as strings, missing as null.
    static func appendInputs(of row: Row, _ inputs: [(key: [UInt8], slot: Slot)], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (index, input) in inputs.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: input.key)
            if row.isMissing(input.slot) {
                output.append(contentsOf: "null".utf8)
            } else if let number = try? row.double(input.slot), number.isFinite {
                output.append(contentsOf: JSONWriter.write(Node(.double(number)), pretty: false).utf8)
            } else {
                let text = (try? row.string(input.slot)) ?? nil
                output.append(contentsOf: JSONWriter.write(Node(text.map { .string($0) } ?? .null), pretty: false).utf8)
            }
        }
        output.append(contentsOf: "}\n".utf8)
    }
}
