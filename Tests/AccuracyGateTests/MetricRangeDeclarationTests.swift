@testable import AccuracyGate
import ModelGate
import Testing

/// Every metric the accuracy gate reports declares the range its definition allows, so a report
/// read back (`--baseline`, `merge`) with a value outside it is refused.
@Suite struct MetricRangeDeclarationTests {
    let ranges = MetricRanges(declaredBy: [AccuracyGate.self])

    @Test func everyReportedMetricHasADeclaredRange() {
        let names = BinaryAccumulator.metricNames + MulticlassAccumulator.metricNames + RegressionAccumulator.metricNames
            + ["f1_gap", "demographic_parity_difference", "equal_opportunity_difference"]
        for name in names {
            #expect(ranges.range(of: name) != .finite, "\(name) has no declared range")
        }
    }

    @Test func rangesFollowScikitLearnsDefinitions() {
        for name in ["accuracy", "f1", "roc_auc", "pr_auc", "brier", "recall_macro", "f1[region=north]", "precision[class=a]"] {
            #expect(ranges.range(of: name) == .proportion, "\(name)")
        }
        #expect(ranges.range(of: "mcc") == .correlation && ranges.range(of: "cohen_kappa") == .correlation)
        #expect(ranges.range(of: "r2") == .atMostOne)
        for name in ["log_loss", "mae", "rmse", "tp", "f1_gap", "mae_gap"] {
            #expect(ranges.range(of: name) == .nonNegative, "\(name)")
        }
    }
}
