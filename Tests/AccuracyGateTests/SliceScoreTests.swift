import GateTestSupport
import ModelGate
import Testing

/// Slices that judge no score metric are fed predictions only (no score rankings, for speed and
/// memory); the predictions must be exactly those the scores imply, and score metrics per slice
/// must still be computed when a slice judges one.
@Suite struct SliceScoreTests {
    // north: positives 0.9, 0.4; negatives 0.6, 0.2 → predictions (> 0.5) 1,0,1,0: f1 1/2;
    //        AUC: pairs (0.9>0.6, 0.9>0.2, 0.4<0.6, 0.4>0.2) = 3/4.
    // south: positives 0.8, 0.7; negative 0.1 → f1 1; AUC 1.
    static let data = """
        region,label,score
        north,1,0.9
        north,1,0.4
        north,0,0.6
        north,0,0.2
        south,1,0.8
        south,1,0.7
        south,0,0.1

        """

    func options(_ sliceMetrics: String) -> String {
        """
        data: test.csv
        task: binary
        label: label
        score: score
        slice_by: region
        min_slice_rows: 1
        slice_thresholds:
        \(sliceMetrics)
        """
    }

    @Test func sliceF1FromScoresIsTheSameWithOrWithoutScoreRankings() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.data])
        let predictionsOnly = try await workspace.run(options("  f1: \">= 0.01\""))
        let withRankings = try await workspace.run(options("  f1: \">= 0.01\"\n  roc_auc: \">= 0.01\""))
        for slice in ["north", "south"] {
            let name = "f1[region=\(slice)]"
            #expect(predictionsOnly.metric(name) != nil)
            #expect(predictionsOnly.metric(name) == withRankings.metric(name), "\(name)")
        }
        #expect(predictionsOnly.metric("f1[region=north]") == 0.5)
        #expect(predictionsOnly.metric("f1[region=south]") == 1)
    }

    @Test func aSliceJudgingAUCGetsItsOwnScoreRanking() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.data])
        let result = try await workspace.run(options("  roc_auc: \">= 0.8\""))
        #expect(result.metric("roc_auc[region=north]") == 0.75)
        #expect(result.metric("roc_auc[region=south]") == 1)
        #expect(result.checks.first { $0.metric == "roc_auc[region=north]" }?.status == .fail)
        #expect(result.status == .fail)
    }
}
