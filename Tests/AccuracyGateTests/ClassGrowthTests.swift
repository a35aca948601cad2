import Testing
@testable import AccuracyGate

/// Class ids that appear late, sparsely, or beyond the confusion-matrix limit.
@Suite struct ClassGrowthTests {
    static let metricsWithoutScores = MulticlassAccumulator.metricNames.filter { $0 != "roc_auc" && $0 != "log_loss" }

    /// Ids spread out so most ids never occur and every new class forces the counts to grow;
    /// 150 apart, ten classes pass the matrix limit.
    @Test(arguments: [("multiclass_10", 37), ("multiclass_strings", 37), ("multiclass_10", 150)])
    func sparseLateClassIDsGiveScikitLearnsValues(fixtureName: String, spacing: Int) throws {
        let fixture = try MetricFixture.load(fixtureName)
        var accumulator = MulticlassAccumulator()
        fixture.feedMulticlass(&accumulator, rows: 0..<fixture.rowCount, withScores: false) { spacing * $0 + 5 }
        var expected = fixture
        expected.expected = expected.expected.filter { Self.metricsWithoutScores.contains($0.key) }
        expectMetricsMatchScikitLearn(accumulator.metrics(), expected)
        let pastLimit = accumulator.counts.classCount > ConfusionCounts.matrixClassLimit
        #expect((accumulator.counts.confusionMatrix() == nil) == pastLimit)
    }

    @Test func theOrderInWhichClassesAppearDoesNotChangeTheState() throws {
        let fixture = try MetricFixture.load("multiclass_strings")
        var forward = MulticlassAccumulator()
        fixture.feedMulticlass(&forward, rows: 0..<fixture.rowCount)
        var backward = MulticlassAccumulator()
        fixture.feedMulticlass(&backward, rows: (0..<fixture.rowCount).reversed())
        #expect(forward == backward)
    }

    @Test func aClassBeyondTheScoreColumnsLeavesScoreMetricsUndefined() throws {
        var accumulator = MulticlassAccumulator(scoreClassCount: 3)
        for (label, scores) in [(0, [0.7, 0.2, 0.1]), (1, [0.2, 0.7, 0.1]), (2, [0.1, 0.2, 0.7]), (3, [0.3, 0.3, 0.4])] {
            scores.withUnsafeBufferPointer { accumulator.add(actual: label, scores: $0) }
        }
        let metrics = accumulator.metrics()
        #expect(metrics[named: "roc_auc"]?.value == nil && metrics[named: "log_loss"]?.value == nil)
        #expect(metrics[named: "accuracy"]?.value != nil)
        #expect(accumulator.counts.classCount == 4)
    }

    @Test func countsPastTheMatrixLimitSurviveJSON() throws {
        var counts = ConfusionCounts()
        for label in stride(from: 0, to: 2_000, by: 7) { counts.add(actual: label, predicted: (label * 3) % 2_000) }
        #expect(counts.confusionMatrix() == nil)
        #expect(try jsonRoundTrip(counts) == counts)
        var small = ConfusionCounts()
        small.add(actual: 2, predicted: 1, count: 4)
        #expect(try jsonRoundTrip(small) == small)
    }
}
