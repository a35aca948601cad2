// The formulas of scikit-learn's classification metrics, from per-class counts only.
// Averages run over the classes that occur as a label or a prediction (scikit-learn's
// `labels=None`, the union of both); an empty denominator gives 0 (`zero_division=0`).
extension ConfusionCounts {
    /// Classes that occur as a label or as a prediction, in id order.
    public var presentClasses: [Int] {
        (0..<classCount).filter { actual[$0] > 0 || predicted[$0] > 0 }
    }

    public var correctRows: Int { correct.prefix(classCount).reduce(0, +) }

    public func precision(_ label: Int) -> Double {
        Self.ratio(truePositives(label), predictions(label))
    }

    public func recall(_ label: Int) -> Double {
        Self.ratio(truePositives(label), support(label))
    }

    /// 2 tp / (2 tp + fp + fn), scikit-learn's form, which needs no precision or recall.
    public func f1(_ label: Int) -> Double {
        Self.ratio(2 * truePositives(label), support(label) + predictions(label))
    }

    /// The unweighted mean of `metric` over the present classes.
    func macroAverage(_ metric: (Int) -> Double) -> Double {
        let classes = presentClasses
        return classes.isEmpty ? 0 : classes.reduce(0) { $0 + metric($1) } / Double(classes.count)
    }

    /// The mean of `metric` over the present classes, weighted by their number of labels.
    func weightedAverage(_ metric: (Int) -> Double) -> Double {
        guard rows > 0 else { return 0 }
        return presentClasses.reduce(0) { $0 + metric($1) * Double(support($1)) } / Double(rows)
    }

    /// Mean recall over the classes that occur as labels; nil without rows.
    var balancedAccuracy: Double? {
        let labelled = (0..<classCount).filter { actual[$0] > 0 }
        guard !labelled.isEmpty else { return nil }
        return labelled.reduce(0) { $0 + recall($1) } / Double(labelled.count)
    }

    /// Matthews correlation (multiclass R_K); 0 when a marginal is constant, as scikit-learn.
    var matthewsCorrelation: Double {
        let samples = Double(rows)
        var labelPrediction = 0.0, predictionSquares = 0.0, labelSquares = 0.0
        for label in 0..<classCount {
            labelPrediction += Double(actual[label]) * Double(predicted[label])
            predictionSquares += Double(predicted[label]) * Double(predicted[label])
            labelSquares += Double(actual[label]) * Double(actual[label])
        }
        let covariance = Double(correctRows) * samples - labelPrediction
        let spread = (samples * samples - predictionSquares) * (samples * samples - labelSquares)
        return spread == 0 ? 0 : covariance / spread.squareRoot()
    }

    /// Cohen's kappa of labels and predictions; nil where scikit-learn returns NaN (no rows,
    /// or chance agreement of 1: labels and predictions all one and the same class).
    var cohenKappa: Double? {
        let samples = Double(rows)
        var chance = 0.0
        for label in 0..<classCount { chance += Double(actual[label]) * Double(predicted[label]) }
        let expectedDisagreement = samples * samples - chance
        guard rows > 0, expectedDisagreement != 0 else { return nil }
        return 1 - (samples - Double(correctRows)) * samples / expectedDisagreement
    }

    private static func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }
}
