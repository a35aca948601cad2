import GateTestSupport
import ModelGate
import Testing

/// The block bootstrap must size intervals like the sampling distribution does. With balanced
/// classes and the same error rate in each, balanced accuracy behaves like accuracy, whose Wilson
/// interval is known in closed form: the two intervals must be about as wide.
@Suite struct BootstrapCalibrationTests {
    /// 4000 rows, half positive; each prediction right with probability 0.8 (a fixed LCG, so the
    /// data never changes).
    static let data: String = {
        var text = "label,prediction\n"
        var state: UInt64 = 12345
        for row in 0..<4000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let right = (state >> 33) % 100 < 80
            let label = row % 2
            text += "\(label),\(right ? label : 1 - label)\n"
        }
        return text
    }()

    @Test func bootstrapIntervalIsAsWideAsTheAnalyticOne() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.data])
        let result = try await workspace.run("""
            data: test.csv
            task: binary
            label: label
            prediction: prediction
            thresholds:
              accuracy: ">= 0.01"
              balanced_accuracy: ">= 0.01"
            """)
        let wilson = try #require(result.checks.first { $0.metric == "accuracy" }?.interval)
        let bootstrap = try #require(result.checks.first { $0.metric == "balanced_accuracy" }?.interval)
        let ratio = (bootstrap.upperBound - bootstrap.lowerBound) / (wilson.upperBound - wilson.lowerBound)
        #expect(ratio > 0.7 && ratio < 1.3, "bootstrap width / Wilson width = \(ratio)")
        let balanced = try #require(result.metric("balanced_accuracy"))
        #expect(bootstrap.contains(balanced))
    }
}
