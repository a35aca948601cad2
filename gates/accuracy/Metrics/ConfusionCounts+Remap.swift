extension ConfusionCounts {
    /// The same counts under other class ids: class `old` becomes `newID[old]`, in a table of
    /// `classCount` classes. Shards number the classes they meet in their own order; a merge
    /// renumbers each into one table first. The matrix is kept when the new table allows one.
    func remapped(_ newID: [Int], classCount newCount: Int) -> ConfusionCounts {
        precondition(newID.count >= classCount && newID.allSatisfy { $0 >= 0 && $0 < newCount }, "a class id without a new id")
        var result = ConfusionCounts(classCount: newCount)
        if newCount <= Self.matrixClassLimit, let matrix = confusionMatrix() {
            for (label, row) in matrix.enumerated() {
                for (prediction, cells) in row.enumerated() where cells > 0 {
                    result.add(actual: newID[label], predicted: newID[prediction], count: cells)
                }
            }
            return result
        }
        // Past the matrix limit only the per-class counts exist (and the new table has no matrix).
        result.rows = rows
        for old in 0..<classCount {
            result.actual[newID[old]] += actual[old]
            result.predicted[newID[old]] += predicted[old]
            result.correct[newID[old]] += correct[old]
        }
        return result
    }
}
