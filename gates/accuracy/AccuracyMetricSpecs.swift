import ModelGate

/// What the accuracy gate can report, with each metric's meaning and range, and which of them a
/// configured gate reports: its task's metrics, the score metrics only when it has scores, and
/// gaps and fairness differences only when it slices.
enum AccuracyMetricSpecs {
    /// Every metric of any configuration, for the descriptor (docs and `modelgate gates`).
    static let all: [MetricSpec] = {
        let names = BinaryAccumulator.metricNames + MulticlassAccumulator.metricNames + RegressionAccumulator.metricNames
        var seen = Set<String>()
        let plain = names.filter { seen.insert($0).inserted }.map(spec)
        return plain + [perClass("precision"), perClass("recall"), perClass("f1"),
                        MetricSpec("*_gap", "max − min of a metric over the judged slices, e.g. f1_gap", range: .nonNegative)]
            + fairness
    }()

    /// The metrics a gate with these options reports.
    static func reported(by options: AccuracyOptions) -> [MetricSpec] {
        var names: [String]
        switch options.task {
        case .binary: names = BinaryAccumulator.metricNames
        case .multiclass: names = MulticlassAccumulator.metricNames
        case .regression: names = RegressionAccumulator.metricNames
        }
        // Without a score there is nothing to rank: AUC and log-loss would be undefined on every run.
        let hasScores = options.usePredictor || options.score != nil || options.classScores != nil
        if !hasScores { names.removeAll { scoreMetrics.contains($0) } }
        var specs = names.map(spec)
        if options.task == .multiclass { specs += [perClass("precision"), perClass("recall"), perClass("f1")] }
        if options.sliceBy != nil {
            specs += names.map { name in
                let base = spec(name)
                return MetricSpec(name + "_gap", "max − min of \(name) over the judged slices", range: gapRange(base.range))
            }
            if options.task == .binary { specs += fairness }
        }
        return specs
    }

    private static let fairness = [
        MetricSpec("demographic_parity_difference", "binary, sliced: max − min of the predicted-positive rate over judged slices",
                   range: .proportion),
        MetricSpec("equal_opportunity_difference", "binary, sliced: max − min of recall over judged slices",
                   range: .proportion),
    ]

    private static func perClass(_ name: String) -> MetricSpec {
        MetricSpec("\(name)[*]", "multiclass: scikit-learn's \(name) of one class, as \(name)[class=cat]", range: .proportion)
    }

    private static func spec(_ name: String) -> MetricSpec {
        MetricSpec(name, "scikit-learn's \(name)", range: AccuracyMetricRange.of(name))
    }

    /// max − min of values in `range` lies between 0 and the range's width.
    private static func gapRange(_ range: MetricRange?) -> MetricRange {
        guard let range, range.upperBound < .greatestFiniteMagnitude, range.lowerBound > -.greatestFiniteMagnitude else {
            return .nonNegative
        }
        return MetricRange(0, range.upperBound - range.lowerBound)
    }
}
