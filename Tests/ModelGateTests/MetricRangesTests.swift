import Testing
@testable import ModelGate

/// What modelgate knows of a metric's range comes from gates' declarations, then from its unit.
@Suite struct MetricRangesTests {
    @Test func declaredRangesComeFromTheGatesMetrics() {
        let ranges = MetricRanges(declaredBy: [DeclaringGate.self, ScriptedGate.self])
        #expect(ranges.range(of: "f1") == .proportion)
        #expect(ranges.range(of: "f1[region=north]") == .proportion, "a slice's metric is its base metric")
        #expect(ranges.range(of: "roc_auc[class=a[b]]") == .proportion)
        #expect(ranges.range(of: "mcc") == .correlation)
        #expect(ranges.range(of: "f1_gap") == .nonNegative, "a declared pattern")
        #expect(ranges.range(of: "f1x") == .finite, "an undeclared metric without a unit is only finite")
    }

    @Test func unitsInTheNameGiveTheRangeOfUndeclaredMetrics() {
        let ranges = MetricRanges.conventional
        for name in ["p95_ms", "latency_seconds", "model_bytes", "throughput_rps", "row_count"] {
            #expect(ranges.range(of: name) == .nonNegative, "\(name)")
        }
        #expect(ranges.range(of: "error_rate") == .proportion)
        #expect(ranges.range(of: "ms") == .finite, "a unit is a suffix after an underscore")
    }

    @Test func aDeclarationOverridesTheUnitAndTwoDeclarationsAdmitBoth() {
        var ranges = MetricRanges()
        ranges.declare("score_rate", .correlation)
        #expect(ranges.range(of: "score_rate") == .correlation)
        ranges.declare("loss", .nonNegative)
        ranges.declare("loss", .proportion)
        #expect(ranges.range(of: "loss") == .nonNegative)
        ranges.declare("delta*", MetricRange(-1, 0))
        ranges.declare("delta*", MetricRange(0, 2))
        #expect(ranges.range(of: "delta_f1") == MetricRange(-1, 2))
    }

    @Test func aRangeAdmitsOnlyFiniteValuesInsideIt() {
        #expect(MetricRange.proportion.admits(0) && MetricRange.proportion.admits(1))
        #expect(!MetricRange.proportion.admits(1.0000001) && !MetricRange.proportion.admits(-0.0000001))
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(!MetricRange.finite.admits(value))
            #expect(!MetricRange.nonNegative.admits(value))
        }
        #expect(MetricRange.finite.admits(.greatestFiniteMagnitude) && MetricRange.finite.admits(-.greatestFiniteMagnitude))
        #expect(MetricRange.proportion.description == "a proportion in [0, 1]")
        #expect(MetricRange.nonNegative.description == "a number >= 0")
        #expect(MetricRange.atMostOne.description == "a number <= 1")
        #expect(MetricRange.finite.description == "a finite number")
    }
}
