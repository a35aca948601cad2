import Tabular

/// The classes of a classification task as dense ids, under the task's rules: scored classes take
/// the first ids (score column i is class i); a binary task has its positive class and at most one
/// other. One table serves the test set and a predictions file, so both name classes alike.
struct ClassLabels {
    private(set) var table = LabelTable()
    private let isBinary: Bool
    private let positive: Label

    init(_ options: AccuracyOptions) {
        isBinary = options.task == .binary
        positive = options.positive
        // Binary: the positive class is id 0, whatever order the rows bring.
        if isBinary { table.insert(positive) }
        for label in options.scoredClasses { table.insert(Label(text: label)) }
    }

    /// The class of a label from elsewhere (a predictor's answer), as the accumulators take it;
    /// nil for a third label in a binary task.
    mutating func id(of label: Label) -> Int? {
        let id = table.insert(label)
        guard isBinary else { return id }
        guard id < 2 else { return nil }
        return id == 0 ? 1 : 0
    }

    /// The class in `slot` as the accumulators take it (binary: 1 for the positive class, else 0);
    /// nil when missing. A third label in a binary task is an error at the row that has it.
    mutating func id(_ row: Row, _ slot: Slot) throws(TabularError) -> Int? {
        guard let id = try row.label(slot, in: &table) else { return nil }
        guard isBinary else { return id }
        guard id < 2 else {
            let known = table.labels.prefix(2).map(\.description).joined(separator: "' and '")
            throw row.error(slot, "a binary task has two classes, but this row has a third label (the first two are '\(known)'; the positive class is '\(positive)')")
        }
        return id == 0 ? 1 : 0
    }
}
