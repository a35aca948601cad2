extension ConfusionCounts {
    /// The same counts under other class ids: class `old` becomes `newID[old]`. Shards number
    /// the classes they meet in their own order; a merge renumbers each into one table first,
    /// and both a run and a merge renumber into sorted order at the end. The result spans the
    /// new ids of the classes that have rows (at least `minimumClassCount`, the scored classes),
    /// so it depends on the counts alone, not on which table the ids came from. The matrix is
    /// kept when this has one and the new span allows one.
    func remapped(_ newID: [Int], minimumClassCount: Int = 0) -> ConfusionCounts {
        precondition(newID.count >= classCount && newID.allSatisfy { $0 >= 0 }, "a class id without a new id")
        var span = minimumClassCount
        for old in 0..<classCount where actual[old] > 0 || predicted[old] > 0 { span = max(span, newID[old] + 1) }
        var result = ConfusionCounts(classCount: span, keepsMatrix: keepsMatrix)
        if result.keepsMatrix, let matrix = confusionMatrix() {
            for (label, row) in matrix.enumerated() {
                for (prediction, cells) in row.enumerated() where cells > 0 {
                    result.add(actual: newID[label], predicted: newID[prediction], count: cells)
                }
            }
            return result
        }
        result.rows = rows
        for old in 0..<classCount where actual[old] > 0 || predicted[old] > 0 {
            result.actual[newID[old]] += actual[old]
            result.predicted[newID[old]] += predicted[old]
            result.correct[newID[old]] += correct[old]
        }
        return result
    }
}
