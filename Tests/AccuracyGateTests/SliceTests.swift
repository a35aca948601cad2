import GateTestSupport
import ModelGate
import Testing

/// Slices: metrics per value of `slice_by`, per-slice checks, and gaps across the slices big
/// enough to judge; smaller slices are reported but change no check and no gap.
@Suite struct SliceTests {
    // north: tp 1, fn 1, fp 1, tn 1 (f1 1/2, recall 1/2, predicted positive 2/4);
    // south: tp 2, fp 1, tn 1 (f1 4/5, recall 1, predicted positive 3/4);
    // east: one row, a missed positive (recall 0): it would widen every gap if it were judged.
    static let data = """
        region,label,prediction
        north,1,1
        south,1,1
        north,1,0
        south,1,1
        north,0,0
        south,0,1
        north,0,1
        south,0,0
        east,1,0

        """
    static let options = """
        data: test.csv
        task: binary
        label: label
        prediction: prediction
        slice_by: region
        min_slice_rows: 3
        slice_thresholds:
          f1: ">= 0.6"
        thresholds:
          f1_gap: "<= 0.5"
          demographic_parity_difference: "<= 0.5"
          equal_opportunity_difference: "<= 0.5"
        """

    @Test func gapsAndFairnessDifferencesMatchTheHandComputedValues() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.data])
        let result = try await workspace.run(Self.options)
        #expect(close(result.metric("f1[region=north]"), 0.5) && close(result.metric("f1[region=south]"), 0.8))
        #expect(close(result.metric("f1_gap"), 0.3))
        #expect(close(result.metric("demographic_parity_difference"), 0.25))
        #expect(close(result.metric("equal_opportunity_difference"), 0.5))
    }

    @Test func smallSlicesAreReportedButNotJudged() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.data])
        let result = try await workspace.run(Self.options)
        #expect(result.evidence["rows[region=east]"] == 1 && result.evidence["rows[region=north]"] == 4)
        #expect(result.evidence["slices"] == 3 && result.evidence["slices_judged"] == 2)
        #expect(result.metric("accuracy[region=east]") == 0, "still reported")
        #expect(result.checks.map(\.metric).sorted() == ["demographic_parity_difference", "equal_opportunity_difference",
                                                         "f1[region=north]", "f1[region=south]", "f1_gap"])
        #expect(result.check("f1[region=north]")?.status == .fail && result.check("f1[region=south]")?.status == .pass)
        #expect(result.status == .fail)
        #expect(result.log?.contains("slice region=east has 1 rows") == true)
    }

    @Test func aGatedGapNeedsTwoJudgedSlices() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.data])
        let result = try await workspace.run(Self.options.replacingOccurrences(of: "min_slice_rows: 3", with: "min_slice_rows: 5"))
        #expect(result.oneLineError.contains("needs at least two judged slices"))
    }

    @Test func aThresholdOnOneSliceIsDecided() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.data])
        let result = try await workspace.run("""
            data: test.csv
            task: binary
            label: label
            prediction: prediction
            slice_by: region
            decide: point
            thresholds:
              recall[region=south]: ">= 0.9"
            """)
        #expect(result.status == .pass, "\(result.error ?? "")")
        #expect(result.check("recall[region=south]")?.actual == 1)
    }

    @Test func tooFewRowsIsAnError() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.data])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nprediction: prediction\nmin_rows: 10")
        #expect(result.oneLineError.contains("9 usable rows, fewer than min_rows (10)"))
    }
}
