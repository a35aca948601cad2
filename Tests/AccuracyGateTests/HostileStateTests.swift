import Foundation
import GateTestSupport
import ModelGate
import Testing
@testable import AccuracyGate

/// Metric states read back from shard reports are checked before any arithmetic: a count that
/// is negative or absurdly large is refused, never a trap (these inputs crashed the fuzz targets).
@Suite struct HostileStateTests {
    func decodeCounts(_ json: String) -> String {
        do {
            _ = try JSONDecoder().decode(ConfusionCounts.self, from: Data(json.utf8))
            return "decoded"
        } catch {
            return "refused"
        }
    }

    @Test func confusionCountsThatWouldOverflowAreRefused() {
        let huge = 1 << 62
        #expect(decodeCounts(#"{"rows": 2, "actual": [\#(huge), \#(huge), 0], "predicted": [1, 1, 0], "correct": [0, 0, 0]}"#) == "refused")
        #expect(decodeCounts(#"{"rows": 1, "actual": [1], "predicted": [1], "correct": [1], "matrix": [[\#(Int.max)]]}"#) == "refused")
        #expect(decodeCounts(#"{"rows": -1, "actual": [-1], "predicted": [-1], "correct": [0]}"#) == "refused")
        #expect(decodeCounts(#"{"rows": 2, "actual": [1, 1], "predicted": [2, 0], "correct": [1, 0], "matrix": [[1, 0], [1, 0]]}"#) == "decoded")
        // Without a matrix for few classes: a state of a slice or a bootstrap block.
        #expect(decodeCounts(#"{"rows": 2, "actual": [1, 1], "predicted": [2, 0], "correct": [1, 0]}"#) == "decoded")
    }

    @Test func countsOutOfRangeFailValidationNotArithmetic() throws {
        var binary = BinaryAccumulator()
        binary.add(actual: true, predicted: true, count: MetricCounts.maximum)
        #expect(binary.countsAreValid)
        binary.add(actual: false, predicted: false, count: 1)
        #expect(!binary.countsAreValid, "the four cells together pass the bound")
        var regression = RegressionAccumulator()
        regression.add(target: 1, prediction: 2)
        #expect(regression.countsAreValid)
    }

    @Test func renumberingSpansOnlyTheClassesWithRows() {
        var counts = ConfusionCounts()
        counts.add(actual: 0, predicted: 1)
        counts.add(actual: 1, predicted: 1)
        // Class 2 of the old table has no rows: it does not stretch the new span.
        let remapped = counts.remapped([5, 0, 9_000])
        #expect(remapped.classCount == 6)
        #expect(remapped.support(5) == 1 && remapped.predictions(0) == 2 && remapped.truePositives(0) == 1)
        #expect(remapped.keepsMatrix)
        // Past the matrix limit only per-class counts remain, however the classes are numbered.
        let wide = counts.remapped([0, 3_000])
        #expect(wide.classCount == 3_001 && !wide.keepsMatrix)
        #expect(wide.support(0) == 1 && wide.support(3_000) == 1 && wide.predictions(3_000) == 2)
    }

    @Test func slicesAndBootstrapBlocksKeepNoConfusionMatrix() throws {
        let pipeline = try GateWorkspace([:]).read("data: t.csv\ntask: multiclass\nlabel: y\nprediction: p\nslice_by: g")
        let options = try #require(pipeline.gates[0].gate as? AccuracyGate).options
        var accumulation = Accumulation(options: options, make: { MulticlassAccumulator() },
                                        makeReplicate: { MulticlassAccumulator() }, sliceScores: false)
        var row = DecodedRow()
        for id in 0..<600 {
            row.actual = id
            row.predicted = (id + 1) % 600
            accumulation.add(row, slice: id % 3, rowIndex: id)
        }
        #expect(accumulation.overall.counts.keepsMatrix, "the overall matrix is logged")
        #expect(accumulation.slices.allSatisfy { !$0.counts.keepsMatrix })
        // 128 blocks of 600 classes would be 128 matrices of 2.9 MB each.
        #expect(accumulation.blocks.count == BlockBootstrap.blockCount && accumulation.blocks.allSatisfy { !$0.counts.keepsMatrix })
    }

    @Test func anOverflowingErrorGetsNoIntervalRatherThanACrash() async throws {
        // (1e200)^2 is infinite: rmse is infinite on the resamples that draw this row.
        var csv = "y,yhat\n1e200,0\n"
        for row in 0..<40 { csv += "\(row),\(row + 1)\n" }
        let workspace = try GateWorkspace(["test.csv": csv])
        let result = try await workspace.run("data: test.csv\ntask: regression\nlabel: y\nprediction: yhat\nbootstrap: 20\ndecide: point\nthresholds: {rmse: \"<= 5\"}")
        #expect(result.status == .fail)
        #expect(result.check("rmse")?.interval == nil)
    }
}
