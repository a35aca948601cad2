import GateTestSupport
import ModelGate
import Testing

/// Intervals of gated metrics: a seeded bootstrap that is reproducible, and `decide: interval`
/// that will not let a small test set pass (or fail) by luck.
@Suite struct IntervalTests {
    /// Overlapping scores: an AUC well inside (0, 1), so the bootstrap has something to vary.
    static func scoredRows(_ count: Int) -> String {
        var text = "label,score\n"
        for index in 0..<count {
            let label = index % 2
            let score = Double((index * 37) % 100) / 100 * 0.7 + (label == 1 ? 0.25 : 0)
            text += "\(label),\(score)\n"
        }
        return text
    }

    static func options(seed: Int, threshold: String = ">= 0.5") -> String {
        "data: test.csv\ntask: binary\nlabel: label\nscore: score\nseed: \(seed)\nthresholds:\n  roc_auc: \"\(threshold)\""
    }

    @Test func theBootstrapIntervalIsReproducibleForASeedAndContainsThePointValue() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.scoredRows(80)])
        let first = try #require(try await workspace.run(Self.options(seed: 7)).check("roc_auc"))
        let again = try #require(try await workspace.run(Self.options(seed: 7)).check("roc_auc"))
        let other = try #require(try await workspace.run(Self.options(seed: 8)).check("roc_auc"))
        let interval = try #require(first.interval)
        #expect(interval == again.interval)
        #expect(interval != other.interval)
        #expect(interval.contains(first.actual) && interval.lowerBound < interval.upperBound)
        #expect(first.actual == other.actual, "the seed moves the interval, never the value")
    }

    @Test func decidingOnTheIntervalOfASmallSetIsInconclusive() async throws {
        // Ten rows: the point value clears the threshold, but the interval reaches below it.
        let workspace = try GateWorkspace(["test.csv": Self.scoredRows(10)])
        let point = try await workspace.run(Self.options(seed: 1, threshold: ">= 0.6") + "\ndecide: point")
        #expect(point.status == .pass)
        // Interval decisions are the default.
        let report = try await workspace.report(Self.options(seed: 1, threshold: ">= 0.6"))
        let check = try #require(report.gates[0].check("roc_auc"))
        #expect(check.status == .inconclusive, "\(check.interval.map { "\($0)" } ?? "no interval")")
        #expect(report.verdict == .inconclusive && report.verdict.exitCode == .inconclusive)
    }

    @Test func decidingOnTheIntervalOfALargeSetDecides() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.scoredRows(400)])
        let result = try await workspace.run(Self.options(seed: 1, threshold: ">= 0.5") + "\ndecide: interval")
        #expect(result.check("roc_auc")?.status == .pass)
    }

    @Test func proportionsGetWilsonIntervalsWithoutTheBootstrap() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.scoredRows(10)])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score\nbootstrap: 0\nthresholds:\n  accuracy: \">= 0.5\"")
        let interval = try #require(result.check("accuracy")?.interval)
        #expect(interval.lowerBound > 0 && interval.upperBound < 1 && interval.contains(result.metric("accuracy") ?? -1))
    }

    @Test func aGatedMetricThatIsUndefinedIsAnErrorWithTheReason() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,0.9\n1,0.4\n1,0.7\n"])
        let error = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score\nthresholds:\n  roc_auc: \">= 0.8\"").oneLineError
        #expect(error.contains("roc_auc is undefined: the labels hold only one class (3 positive, 0 negative rows)"), "\(error)")
    }

    @Test func anUngatedMetricThatIsUndefinedIsLeftOut() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,0.9\n1,0.4\n1,0.7\n"])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score\ndecide: point\nthresholds:\n  recall: \">= 0.5\"")
        #expect(result.status == .pass, "\(result.error ?? "")")
        #expect(result.metric("roc_auc") == nil && close(result.metric("recall"), 2.0 / 3.0))
        #expect(result.log?.contains("roc_auc is undefined") == true)
    }
}
