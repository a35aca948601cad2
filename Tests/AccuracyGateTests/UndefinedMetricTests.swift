import Testing
@testable import AccuracyGate

/// Metrics that cannot be computed say why instead of showing a number.
@Suite struct UndefinedMetricTests {
    @Test func withoutRowsEveryMetricIsUndefined() {
        let all = BinaryAccumulator().metrics() + MulticlassAccumulator(scoreClassCount: 3).metrics()
            + RegressionAccumulator().metrics()
        #expect(all.count == BinaryAccumulator.metricNames.count + MulticlassAccumulator.metricNames.count
                + RegressionAccumulator.metricNames.count)
        #expect(all.allSatisfy { $0.value == nil && $0.undefinedReason != nil })
    }

    @Test func scoreMetricsNeedAScoreOnEveryRow() {
        var unscored = BinaryAccumulator()
        unscored.add(actual: true, predicted: true)
        unscored.add(actual: false, predicted: true)
        var partly = unscored
        partly.add(actual: false, predicted: false, score: 0.2)
        var nonFinite = BinaryAccumulator()
        nonFinite.add(actual: true, score: 0.9)
        nonFinite.add(actual: false, score: .nan)
        for accumulator in [unscored, partly, nonFinite] {
            let metrics = accumulator.metrics()
            for name in ["roc_auc", "pr_auc", "log_loss", "brier"] {
                #expect(metrics[named: name]?.value == nil && metrics[named: name]?.undefinedReason != nil, "\(name)")
            }
            #expect(metrics[named: "accuracy"]?.value != nil)
        }
    }

    @Test func aScoreAtTheThresholdIsPredictedNegativeAsScikitLearnsPredict() {
        var accumulator = BinaryAccumulator(threshold: 0.5)
        accumulator.add(actual: true, score: 0.5)
        accumulator.add(actual: false, score: 0.5.nextUp)
        #expect(accumulator.falseNegatives == 1 && accumulator.falsePositives == 1)
    }

    @Test func multiclassScoresArgmaxTiesGoToTheFirstClass() {
        var accumulator = MulticlassAccumulator(scoreClassCount: 3)
        [0.2, 0.4, 0.4].withUnsafeBufferPointer { accumulator.add(actual: 2, scores: $0) }
        #expect(accumulator.counts.predictions(1) == 1)
    }

    @Test func rSquaredNeedsTwoRowsAndNoNonFiniteValues() {
        var one = RegressionAccumulator()
        one.add(target: 1, prediction: 2)
        #expect(one.metrics()[named: "r2"]?.value == nil)
        #expect(one.metrics()[named: "mae"]?.value != nil)
        var infinite = one
        infinite.add(target: .infinity, prediction: 2)
        #expect(infinite.metrics().allSatisfy { $0.value == nil })
    }
}
