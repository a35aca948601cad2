import Statistics
import Tabular

/// What one pass over a test set accumulated: overall, per slice, and per bootstrap replicate.
struct ScanResult<Evaluator: TaskEvaluator> {
    var overall: Evaluator
    var slices: [(name: String, evaluator: Evaluator)]
    var replicates: [Evaluator]
    var skippedRows: Int
    /// Class ids to labels (classification tasks).
    var labels: LabelTable
}

/// The single streaming pass over a test set: decodes the configured columns of each row and feeds
/// every accumulator that row belongs to. Memory is bounded by the accumulators, not the file.
struct TestSetScan {
    var options: AccuracyOptions
    /// The data file, resolved against the pipeline file's folder.
    var path: String

    /// Rows between cancellation checks: often enough to stop within milliseconds, rarely enough to cost nothing.
    private static let cancellationStride = 1 << 16

    func run<Evaluator: TaskEvaluator>(make: () -> Evaluator, makeReplicate: (() -> Evaluator)?) throws -> ScanResult<Evaluator> {
        let reader = try openTable(path, format: options.format)
        let labelSlot = try reader.slot(options.label)
        let predictionSlot = try options.prediction.map { name throws(TabularError) in try reader.slot(name) }
        let scoreSlot = try options.score.map { name throws(TabularError) in try reader.slot(name) }
        let sliceSlot = try options.sliceBy.map { name throws(TabularError) in try reader.slot(name) }
        var scoreSlots: [Slot] = []
        var arraySlot: Slot?
        var labels = LabelTable()
        var positiveID = 0
        switch options.task {
        case .binary:
            positiveID = labels.insert(Label(text: options.positive))
        case .multiclass:
            // Score column i must be class id i, so the scored classes take the first ids.
            switch options.classScores {
            case .columns(let columns)?:
                for (label, column) in columns {
                    _ = labels.insert(Label(text: label))
                    scoreSlots.append(try reader.slot(column))
                }
            case .array(let column, let classes)?:
                for label in classes { _ = labels.insert(Label(text: label)) }
                arraySlot = try reader.slot(column)
            case nil:
                break
            }
        case .regression:
            break
        }
        let scoreWidth = max(scoreSlots.count, arraySlot == nil ? 0 : labels.count)

        var overall = make()
        var sliceTable = LabelTable()
        var sliceEvaluators: [Evaluator] = []
        var replicates: [Evaluator] = makeReplicate.map { maker in (0..<options.bootstrapResamples).map { _ in maker() } } ?? []
        let bootstrap = replicates.isEmpty ? nil : PoissonBootstrap(resamples: replicates.count, seed: options.seed)
        var weights: [Int] = []
        var scoreBuffer = [Double](repeating: 0, count: scoreWidth)
        var skipped = 0
        var decoded = DecodedRow()
        let task = options.task
        let skipMissing = options.missing == .skip

        while let row = try reader.next() {
            if row.number % Self.cancellationStride == 0, Task.isCancelled { throw CancellationError() }
            // Each read returns nil for a missing value; the first missing one decides the row's fate.
            var missingSlot: Slot?
            switch task {
            case .binary:
                if let id = try classID(row, labelSlot, &labels, binary: true) {
                    decoded.actual = id == positiveID ? 1 : 0
                } else { missingSlot = labelSlot }
                if let slot = predictionSlot, missingSlot == nil {
                    if let id = try classID(row, slot, &labels, binary: true) {
                        decoded.predicted = id == positiveID ? 1 : 0
                    } else { missingSlot = slot }
                }
                if let slot = scoreSlot, missingSlot == nil {
                    if let score = try row.double(slot) { decoded.score = score } else { missingSlot = slot }
                }
            case .multiclass:
                if let id = try classID(row, labelSlot, &labels, binary: false) { decoded.actual = id } else { missingSlot = labelSlot }
                if let slot = predictionSlot, missingSlot == nil {
                    if let id = try classID(row, slot, &labels, binary: false) { decoded.predicted = id } else { missingSlot = slot }
                }
                if missingSlot == nil {
                    for (index, slot) in scoreSlots.enumerated() {
                        guard let value = try row.double(slot) else { missingSlot = slot; break }
                        scoreBuffer[index] = value
                    }
                    if let slot = arraySlot {
                        if try !row.doubles(slot, into: &scoreBuffer) {
                            missingSlot = slot
                        } else if scoreBuffer.count != scoreWidth {
                            throw row.error(slot, "expected \(scoreWidth) scores, one per class in 'classes', got \(scoreBuffer.count)")
                        }
                    }
                }
            case .regression:
                if let target = try row.double(labelSlot) { decoded.target = target } else { missingSlot = labelSlot }
                if let slot = predictionSlot, missingSlot == nil {
                    if let value = try row.double(slot) { decoded.prediction = value } else { missingSlot = slot }
                }
            }
            var sliceID: Int?
            if let slot = sliceSlot, missingSlot == nil {
                if let id = try row.label(slot, in: &sliceTable) { sliceID = id } else { missingSlot = slot }
            }
            if let slot = missingSlot {
                guard skipMissing else { throw row.error(slot, "missing value (set 'missing: skip' to skip and count such rows)") }
                skipped += 1
                continue
            }
            if let sliceID, sliceID == sliceEvaluators.count { sliceEvaluators.append(make()) }
            bootstrap?.weights(forRow: row.number - 1, into: &weights)

            func feed(_ row: DecodedRow) {
                overall.add(row, count: 1)
                if let sliceID { sliceEvaluators[sliceID].add(row, count: 1) }
                for index in replicates.indices where weights[index] > 0 {
                    replicates[index].add(row, count: weights[index])
                }
            }
            if scoreWidth > 0 {
                scoreBuffer.withUnsafeBufferPointer { buffer in
                    decoded.scores = buffer
                    feed(decoded)
                    decoded.scores = nil
                }
            } else {
                feed(decoded)
            }
        }
        let slices = sliceEvaluators.enumerated().map { (sliceTable.labels[$0.offset].description, $0.element) }
        return ScanResult(overall: overall, slices: slices, replicates: replicates, skippedRows: skipped, labels: labels)
    }

    /// A label's class id; a binary task refuses a third distinct label at the row that has it.
    private func classID(_ row: Row, _ slot: Slot, _ labels: inout LabelTable, binary: Bool) throws(TabularError) -> Int? {
        guard let id = try row.label(slot, in: &labels) else { return nil }
        if binary && id >= 2 {
            let known = labels.labels.prefix(2).map(\.description).joined(separator: "' and '")
            throw row.error(slot, "a binary task has two classes, but this row has a third label (the first two are '\(known)'; the positive class is '\(options.positive)')")
        }
        return id
    }
}
