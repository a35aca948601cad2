extension MulticlassAccumulator {
    /// The metric names `metrics()` returns, in order.
    public static let metricNames = [
        "accuracy", "balanced_accuracy",
        "precision_macro", "recall_macro", "f1_macro",
        "precision_micro", "recall_micro", "f1_micro",
        "precision_weighted", "recall_weighted", "f1_weighted",
        "roc_auc", "log_loss", "mcc", "cohen_kappa",
    ]

    /// Every metric of `metricNames`, each with scikit-learn's value or the reason it has none.
    /// Averages run over the classes present as a label or a prediction (scikit-learn's default).
    public func metrics() -> [MetricResult] {
        guard rows > 0 else {
            return Self.metricNames.map { .undefined($0, "there are no rows") }
        }
        let correct = counts.correctRows
        var results: [MetricResult] = [
            .proportion("accuracy", successes: correct, trials: rows),
            counts.balancedAccuracy.map { .defined("balanced_accuracy", $0) }
                ?? .undefined("balanced_accuracy", "there are no rows"),
            .defined("precision_macro", counts.macroAverage(counts.precision)),
            .defined("recall_macro", counts.macroAverage(counts.recall)),
            .defined("f1_macro", counts.macroAverage(counts.f1)),
            // Every row is one prediction and one label, so micro averages all equal accuracy.
            .proportion("precision_micro", successes: correct, trials: rows),
            .proportion("recall_micro", successes: correct, trials: rows),
            .proportion("f1_micro", successes: correct, trials: rows),
            .defined("precision_weighted", counts.weightedAverage(counts.precision)),
            .defined("recall_weighted", counts.weightedAverage(counts.recall)),
            .defined("f1_weighted", counts.weightedAverage(counts.f1)),
        ]
        results.append(rocAUC)
        results.append(logLoss)
        results.append(.defined("mcc", counts.matthewsCorrelation))
        results.append(counts.cohenKappa.map { .defined("cohen_kappa", $0) }
            ?? .undefined("cohen_kappa", "labels and predictions are all the same single class"))
        return results
    }

    /// Precision, recall and F1 of each class present as a label or a prediction.
    public func perClass() -> [ClassMetrics] {
        counts.presentClasses.map { label in
            ClassMetrics(classID: label, support: counts.support(label), predictions: counts.predictions(label),
                         truePositives: counts.truePositives(label), precision: counts.precision(label),
                         recall: counts.recall(label), f1: counts.f1(label))
        }
    }

    /// roc_auc_score(multi_class="ovr", average="macro"): the mean of each score column's
    /// one-vs-rest AUC; undefined when any column's class has no rows (scikit-learn gives NaN).
    private var rocAUC: MetricResult {
        let name = "roc_auc"
        if let scoreProblem { return .undefined(name, scoreProblem) }
        if rowsWithScoresNotSummingToOne > 0 {
            return .undefined(name, "the scores of \(rowsWithScoresNotSummingToOne) rows do not sum to 1 "
                + "(one-vs-rest AUC needs probabilities, as in scikit-learn)")
        }
        var sum = 0.0
        var bound = 0.0
        for (column, ranking) in rankings.enumerated() {
            guard let auc = ranking.rocAUC() else {
                let reason = ranking.positives == 0 ? "no row is labelled" : "every row is labelled"
                return .undefined(name, "\(reason) with class id \(column), so its one-vs-rest AUC is undefined")
            }
            sum += auc.value
            bound += auc.errorBound
        }
        let classes = Double(rankings.count)
        return .defined(name, sum / classes, errorBound: bound / classes)
    }

    private var logLoss: MetricResult {
        let name = "log_loss"
        if let scoreProblem { return .undefined(name, scoreProblem) }
        if rowsWithScoresOutsideUnitInterval > 0 {
            return .undefined(name, "\(rowsWithScoresOutsideUnitInterval) rows have scores outside [0, 1], "
                + "so they are not probabilities")
        }
        return .defined(name, logLossSum.value / Double(rows))
    }

    /// Why no score metric can be computed, if so.
    private var scoreProblem: String? {
        guard scoreClassCount != nil, scoredRows > 0 else { return "the rows have no scores" }
        if scoredRows < rows { return "\(rows - scoredRows) of \(rows) rows have no scores" }
        if nonFiniteScoreRows > 0 { return "\(nonFiniteScoreRows) rows have NaN or infinite scores" }
        if labelsWithoutScoreColumn > 0 {
            return "\(labelsWithoutScoreColumn) rows are labelled with a class that has no score column"
        }
        return nil
    }
}
