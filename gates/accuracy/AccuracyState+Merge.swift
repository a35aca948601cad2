import ModelGate
import Tabular

extension AccuracyState {
    /// The order-free form: the classes past the fixed ones (those with score columns; all of a
    /// binary task's) and the slices, sorted by `Label.canonicallyOrdered`. Macro averages add
    /// per-class values in class order, so this is what makes a merge of shards that met classes
    /// in other orders report exactly what one run reports, to the last bit.
    func canonical(fixedClassCount: Int) -> AccuracyState {
        var copy = self
        copy.slices.sort { Label.canonicallyOrdered($0.name.label, $1.name.label) }
        let movable = (min(fixedClassCount, classes.count)..<classes.count)
            .sorted { Label.canonicallyOrdered(classes[$0].label, classes[$1].label) }
        var newID = Array(classes.indices)
        for (offset, old) in movable.enumerated() { newID[old] = fixedClassCount + offset }
        for (old, new) in newID.enumerated() { copy.classes[new] = classes[old] }
        // Even in the same order: renumbering also normalises how many classes the counts span.
        copy.remapClasses(newID)
        return copy
    }

    fileprivate mutating func remapClasses(_ newID: [Int]) {
        overall = overall.remappingClasses(newID)
        for index in slices.indices { slices[index].state = slices[index].state.remappingClasses(newID) }
        for index in blocks.indices { blocks[index] = blocks[index].remappingClasses(newID) }
    }

    /// A state read from a shard report, checked against this gate's configuration by merging it
    /// into fresh accumulators (which refuses another threshold or score width), with every class
    /// id it uses named in its class table, and every invariant of a shard run's state kept (see
    /// `violation`). A state that fails is the error of `name`, the shard report.
    func validated(fixedClasses: [Label], expected: StateExpectations, make: () -> Evaluator, makeReplicate: (() -> Evaluator)?,
                   name: String) throws -> AccuracyState {
        func fail(_ reason: String) -> GateFailure { GateFailure("the state of \(name) does not fit this gate: \(reason)") }
        guard classes.count >= fixedClasses.count, zip(classes, fixedClasses).allSatisfy({ $0.label == $1 }) else {
            throw fail("its classes do not start with the configured ones (\(fixedClasses.map(\.description).joined(separator: ", ")))")
        }
        guard Set(classes).count == classes.count else { throw fail("a class appears twice in its class table") }
        guard Set(slices.map(\.name)).count == slices.count else { throw fail("a slice appears twice") }
        switch (blocks.count, makeReplicate) {
        case (0, nil), (BlockBootstrap.blockCount, _?): break
        default: throw fail("it has \(blocks.count) bootstrap blocks; this gate needs \(makeReplicate == nil ? 0 : BlockBootstrap.blockCount)")
        }
        let counts = [skippedRows, data.rows, data.bytes, predictions?.rows ?? 0, predictions?.bytes ?? 0,
                      join?.unmatchedRows ?? 0, join?.unmatchedPredictions ?? 0, join?.skippedPredictionRows ?? 0]
        guard counts.allSatisfy({ (0...MetricCounts.maximum).contains($0) }) else {
            throw fail("a count is negative or larger than \(MetricCounts.maximum)")
        }
        // Each row names at most two classes (label, prediction), each prediction one.
        guard classes.count <= fixedClasses.count + 2 * data.rows + (predictions?.rows ?? 0) else {
            throw fail("it names \(classes.count) classes, more than its rows could have")
        }
        let evaluators = [overall] + slices.map(\.state) + blocks
        guard evaluators.allSatisfy({ $0.countsAreValid }) else {
            throw fail("a count is negative or larger than \(MetricCounts.maximum)")
        }
        guard evaluators.allSatisfy({ $0.classIDCount <= classes.count }) else { throw fail("it counts classes its class table does not name") }
        var copy = self
        do {
            copy.overall = try Self.refreshed(overall, make)
            for index in slices.indices {
                copy.slices[index].state = try Self.refreshed(slices[index].state) { make().droppingConfusionMatrix() }
            }
            if let makeReplicate {
                for index in blocks.indices {
                    copy.blocks[index] = try Self.refreshed(blocks[index]) { makeReplicate().droppingConfusionMatrix() }
                }
            }
        } catch {
            throw fail(String(describing: error))
        }
        if let problem = copy.violation(expected, make: make, makeReplicate: makeReplicate) {
            throw GateFailure("the state of \(name) does not add up: \(problem); a shard run writes no such state, so the report was edited or damaged")
        }
        return copy
    }

    private static func refreshed(_ evaluator: Evaluator, _ make: () -> Evaluator) throws -> Evaluator {
        var fresh = make()
        try fresh.merge(evaluator)
        return fresh
    }
}

/// Merges shard states (validated, in shard order) one at a time into the state one pass over
/// all their rows gives: classes renumbered into one table, slices matched by name, blocks by
/// index. One at a time, so memory holds the result and one shard's state, however many shards.
struct AccuracyStateMerger<Evaluator: TaskEvaluator> {
    private var result: AccuracyState<Evaluator>
    /// Grows as shards bring classes; ids already given never change, so `result` keeps its own.
    private var table: LabelTable
    private var sliceIndex: [CodedLabel: Int] = [:]
    private let isBinary: Bool

    init(first: AccuracyState<Evaluator>, isBinary: Bool) throws {
        result = first
        table = LabelTable(first.classes.map(\.label))
        self.isBinary = isBinary
        for (index, slice) in first.slices.enumerated() { sliceIndex[slice.name] = index }
        try checkClassCount()
    }

    /// One run refuses a third label in a binary task; so does a merge, whichever shards had them.
    private func checkClassCount() throws {
        if isBinary, table.count > 2 {
            throw GateFailure("a binary task has two classes, but the shards' labels are '\(table.labels.map(\.description).joined(separator: "', '"))'")
        }
    }

    /// Adds shard number `shard`'s state.
    mutating func add(_ state: AccuracyState<Evaluator>, shard: Int) throws {
        guard state.data == result.data else {
            throw GateFailure("shard \(shard) read a different data file (\(state.data)) than shard 1 (\(result.data)); every shard must read the same test set")
        }
        guard state.predictions == result.predictions else {
            throw GateFailure("shard \(shard) read a different predictions file (\(state.predictions?.description ?? "none")) than shard 1 (\(result.predictions?.description ?? "none"))")
        }
        let newID = state.classes.map { table.insert($0.label) }
        try checkClassCount()
        var state = state
        state.remapClasses(newID)
        try result.overall.merge(state.overall)
        for index in result.blocks.indices { try result.blocks[index].merge(state.blocks[index]) }
        for slice in state.slices {
            if let index = sliceIndex[slice.name] {
                try result.slices[index].state.merge(slice.state)
            } else {
                sliceIndex[slice.name] = result.slices.count
                result.slices.append(slice)
            }
        }
        // Each count is at most `MetricCounts.maximum` and there are at most `Shard.maximumCount`
        // shards, so these sums cannot overflow.
        result.skippedRows += state.skippedRows
        if let counts = state.join {
            result.join?.unmatchedRows += counts.unmatchedRows
            result.join?.unmatchedPredictions += counts.unmatchedPredictions
            result.join?.skippedPredictionRows += counts.skippedPredictionRows
        }
    }

    /// The merged state, its class table the union of the shards'.
    var merged: AccuracyState<Evaluator> {
        var merged = result
        merged.classes = table.labels.map(CodedLabel.init)
        return merged
    }
}
