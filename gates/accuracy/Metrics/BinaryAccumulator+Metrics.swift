extension BinaryAccumulator {
    /// The metric names `metrics()` returns, in order.
    public static let metricNames = [
        "accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc",
        "log_loss", "brier", "mcc", "cohen_kappa", "tn", "fp", "fn", "tp",
    ]

    /// The two classes as counts: id 0 is the negative class, id 1 the positive one.
    public var confusion: ConfusionCounts {
        var counts = ConfusionCounts(classCount: 2)
        counts.add(actual: 0, predicted: 0, count: trueNegatives)
        counts.add(actual: 0, predicted: 1, count: falsePositives)
        counts.add(actual: 1, predicted: 0, count: falseNegatives)
        counts.add(actual: 1, predicted: 1, count: truePositives)
        return counts
    }

    /// Every metric of `metricNames`, each with scikit-learn's value or the reason it has none.
    public func metrics() -> [MetricResult] {
        guard rows > 0 else {
            return Self.metricNames.map { .undefined($0, "there are no rows") }
        }
        let counts = confusion
        var results: [MetricResult] = [
            .proportion("accuracy", successes: truePositives + trueNegatives, trials: rows),
            counts.balancedAccuracy.map { .defined("balanced_accuracy", $0) }
                ?? .undefined("balanced_accuracy", "there are no rows"),
            .proportion("precision", successes: truePositives, trials: truePositives + falsePositives),
            .proportion("recall", successes: truePositives, trials: truePositives + falseNegatives),
            .defined("f1", counts.f1(1)),
        ]
        results.append(rankingMetric("roc_auc", ranking.rocAUC(), orElse: onlyOneClass))
        results.append(rankingMetric("pr_auc", ranking.averagePrecision(), orElse: "there are no scored rows"))
        results.append(probabilityMetric("log_loss", logLossSum))
        results.append(probabilityMetric("brier", brierSum))
        results.append(.defined("mcc", counts.matthewsCorrelation))
        results.append(counts.cohenKappa.map { .defined("cohen_kappa", $0) }
            ?? .undefined("cohen_kappa", "labels and predictions are all the same single class"))
        for (name, cells) in [("tn", trueNegatives), ("fp", falsePositives), ("fn", falseNegatives), ("tp", truePositives)] {
            results.append(.defined(name, Double(cells)))
        }
        return results
    }

    /// Why no score metric can be computed, if so.
    private var scoreProblem: String? {
        if scoredRows == 0 { return "the rows have no scores" }
        if scoredRows < rows { return "\(rows - scoredRows) of \(rows) rows have no score" }
        if nonFiniteScores > 0 { return "\(nonFiniteScores) scores are NaN or infinite" }
        return nil
    }

    private var onlyOneClass: String {
        "the labels hold only one class (\(ranking.positives) positive, \(ranking.negatives) negative rows)"
    }

    private func rankingMetric(_ name: String, _ computed: (value: Double, errorBound: Double)?,
                               orElse reason: String) -> MetricResult {
        if let scoreProblem { return .undefined(name, scoreProblem) }
        guard let computed else { return .undefined(name, reason) }
        return .defined(name, computed.value, errorBound: computed.errorBound)
    }

    private func probabilityMetric(_ name: String, _ sum: ExactSum) -> MetricResult {
        if let scoreProblem { return .undefined(name, scoreProblem) }
        if scoresOutsideUnitInterval > 0 {
            return .undefined(name, "\(scoresOutsideUnitInterval) scores are outside [0, 1], so they are not probabilities")
        }
        return .defined(name, sum.value / Double(rows))
    }
}
