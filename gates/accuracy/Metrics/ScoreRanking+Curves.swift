extension ScoreRanking {
    /// ROC AUC with tied scores counted as half a correctly ordered pair, as scikit-learn's
    /// trapezoidal `roc_auc_score`; `nil` when positives or negatives are missing (undefined).
    /// Binned: every positive–negative pair in one bin may be off by half, which bounds the error.
    public func rocAUC() -> (value: Double, errorBound: Double)? {
        guard positives > 0 && negatives > 0 else { return nil }
        let ranking = flushed()
        // Twice the area, summed exactly: sum of positives * (2 * negatives below + tied negatives).
        var twiceArea = ExactSum()
        var sharedPairs = ExactSum()
        var negativesBelow = 0
        for entry in ranking.entries {
            if entry.positives > 0 {
                twiceArea.addProduct(Double(entry.positives), Double(2 * negativesBelow + entry.negatives))
                if entry.negatives > 0 {
                    sharedPairs.addProduct(Double(entry.positives), Double(entry.negatives))
                }
            }
            negativesBelow += entry.negatives
        }
        let twicePairs = 2 * Double(positives) * Double(negatives)
        let bound = ranking.isExact ? 0 : sharedPairs.value / twicePairs
        return (twiceArea.value / twicePairs, bound)
    }

    /// Average precision, scikit-learn's `average_precision_score`: the sum over distinct scores
    /// (highest first) of the recall gained times the precision at that score. With no positive
    /// rows scikit-learn returns 0 (and warns); so does this. `nil` without any row.
    /// Binned: the precision a bin's positives see depends on the order inside it, which bounds the error.
    public func averagePrecision() -> (value: Double, errorBound: Double)? {
        guard positives + negatives > 0 else { return nil }
        guard positives > 0 else { return (0, 0) }
        let ranking = flushed()
        var sum = 0.0
        var bound = 0.0
        var truePositives = 0
        var falsePositives = 0
        for entry in ranking.entries.reversed() {
            let positivesAbove = truePositives
            truePositives += entry.positives
            falsePositives += entry.negatives
            guard entry.positives > 0 else { continue }
            let gained = Double(entry.positives)
            let contribution = gained * Double(truePositives) / Double(truePositives + falsePositives)
            sum += contribution
            if !ranking.isExact {
                // Whatever the order inside the bin, each of its positives sees a precision between
                // `worst` (all the bin's negatives ranked above it, none of its positives) and
                // `best` (all the bin's positives above it, none of its negatives).
                let best = gained * Double(truePositives) / Double(truePositives + falsePositives - entry.negatives)
                let worst = gained * Double(positivesAbove + 1) / Double(positivesAbove + falsePositives + 1)
                bound += max(best - contribution, contribution - worst)
            }
        }
        return (sum / Double(positives), bound / Double(positives))
    }
}
