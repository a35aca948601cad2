import Foundation
import Testing
@testable import AccuracyGate

/// Splitting the rows into shards, in any way and merging in any order, gives the one-pass state.
@Suite struct ShardMergeTests {
    /// Three shards of `0..<rows`, by several splitting rules (including an empty shard).
    static func splits(_ rows: Int) -> [(name: String, shards: [[Int]])] {
        var generator = SplitMix64(seed: UInt64(rows))
        let random = (0..<rows).map { _ in Int.random(in: 0..<3, using: &generator) }
        return [
            ("contiguous", [Array(0..<(rows / 3)), Array((rows / 3)..<(2 * rows / 3)), Array((2 * rows / 3)..<rows)]),
            ("round robin", (0..<3).map { shard in (0..<rows).filter { $0 % 3 == shard } }),
            ("random", (0..<3).map { shard in (0..<rows).filter { random[$0] == shard } }),
            ("uneven", [[0], [], Array(1..<rows)]),
        ]
    }

    /// Merges shard states as ((a + b) + c) and as (c + (b + a)).
    static func mergeBothWays<State>(_ states: [State], _ merge: (inout State, State) throws -> Void) rethrows -> [State] {
        var left = states[0]
        try merge(&left, states[1])
        try merge(&left, states[2])
        var inner = states[1]
        try merge(&inner, states[0])
        var right = states[2]
        try merge(&right, inner)
        return [left, right]
    }

    @Test(arguments: MetricFixture.names(task: "binary"))
    func binaryShardsMergeToTheOnePassState(_ name: String) throws {
        let fixture = try MetricFixture.load(name)
        let whole = fixture.binaryAccumulator()
        for split in Self.splits(fixture.rowCount) {
            let states = split.shards.map { rows in
                var shard = BinaryAccumulator(threshold: fixture.threshold ?? 0.5)
                fixture.feedBinary(&shard, rows: rows)
                return shard
            }
            for merged in try Self.mergeBothWays(states, { try $0.merge($1) }) {
                #expect(merged == whole, "\(name), \(split.name)")
                #expect(merged.metrics() == whole.metrics(), "\(name), \(split.name)")
            }
        }
    }

    @Test(arguments: MetricFixture.names(task: "multiclass"))
    func multiclassShardsMergeToTheOnePassState(_ name: String) throws {
        let fixture = try MetricFixture.load(name)
        let whole = fixture.multiclassAccumulator()
        let width = fixture.rows.scores.map { $0[0].count }
        for split in Self.splits(fixture.rowCount) {
            let states = split.shards.map { rows in
                var shard = MulticlassAccumulator(scoreClassCount: width)
                fixture.feedMulticlass(&shard, rows: rows)
                return shard
            }
            for merged in try Self.mergeBothWays(states, { try $0.merge($1) }) {
                #expect(merged == whole, "\(name), \(split.name)")
                #expect(merged.metrics() == whole.metrics(), "\(name), \(split.name)")
                #expect(merged.perClass() == whole.perClass(), "\(name), \(split.name)")
            }
        }
    }

    @Test(arguments: MetricFixture.names(task: "regression"))
    func regressionShardsMergeToTheOnePassState(_ name: String) throws {
        let fixture = try MetricFixture.load(name)
        let whole = fixture.regressionAccumulator()
        for split in Self.splits(fixture.rowCount) {
            let states = split.shards.map { rows in
                var shard = RegressionAccumulator()
                fixture.feedRegression(&shard, rows: rows)
                return shard
            }
            for merged in Self.mergeBothWays(states, { $0.merge($1) }) {
                #expect(merged == whole, "\(name), \(split.name)")
                #expect(merged.metrics() == whole.metrics(), "\(name), \(split.name)")
            }
        }
    }

    @Test func shardStatesSurviveJSONAndStillMergeToTheOnePassState() throws {
        let binary = try MetricFixture.load("binary_ties")
        let multiclass = try MetricFixture.load("multiclass_10")
        let regression = try MetricFixture.load("regression_offset")
        let split = Self.splits(binary.rowCount)[2].shards
        var mergedBinary = BinaryAccumulator()
        for rows in split {
            var shard = BinaryAccumulator()
            binary.feedBinary(&shard, rows: rows)
            try mergedBinary.merge(try jsonRoundTrip(shard))
        }
        #expect(mergedBinary == binary.binaryAccumulator())

        var mergedMulticlass = MulticlassAccumulator(scoreClassCount: 10)
        for rows in Self.splits(multiclass.rowCount)[2].shards {
            var shard = MulticlassAccumulator(scoreClassCount: 10)
            multiclass.feedMulticlass(&shard, rows: rows)
            try mergedMulticlass.merge(try jsonRoundTrip(shard))
        }
        #expect(mergedMulticlass == multiclass.multiclassAccumulator())

        var mergedRegression = RegressionAccumulator()
        for rows in Self.splits(regression.rowCount)[2].shards {
            var shard = RegressionAccumulator()
            regression.feedRegression(&shard, rows: rows)
            mergedRegression.merge(try jsonRoundTrip(shard))
        }
        #expect(mergedRegression == regression.regressionAccumulator())
    }

    @Test func mergingDifferentlyConfiguredStatesIsRefused() throws {
        var half = BinaryAccumulator(threshold: 0.5)
        #expect(throws: MetricStateError.thresholdMismatch(0.5, 0.3)) { try half.merge(BinaryAccumulator(threshold: 0.3)) }
        var three = MulticlassAccumulator(scoreClassCount: 3)
        #expect(throws: MetricStateError.scoreClassCountMismatch(3, nil)) { try three.merge(MulticlassAccumulator()) }
    }

    @Test func aRowCountedNTimesEqualsTheRowAddedNTimes() {
        var counted = (BinaryAccumulator(), MulticlassAccumulator(scoreClassCount: 3), RegressionAccumulator())
        var repeated = counted
        let scores = [0.2, 0.7, 0.1]
        for times in [1, 2, 5] {
            counted.0.add(actual: true, predicted: false, score: 0.3, count: times)
            scores.withUnsafeBufferPointer { counted.1.add(actual: 2, scores: $0, count: times) }
            counted.2.add(target: 0.1, prediction: 1.7, count: times)
            for _ in 0..<times {
                repeated.0.add(actual: true, predicted: false, score: 0.3)
                scores.withUnsafeBufferPointer { repeated.1.add(actual: 2, scores: $0) }
                repeated.2.add(target: 0.1, prediction: 1.7)
            }
        }
        #expect(counted.0 == repeated.0)
        #expect(counted.1 == repeated.1)
        #expect(counted.2 == repeated.2)
    }
}

func jsonRoundTrip<State: Codable>(_ state: State) throws -> State {
    try JSONDecoder().decode(State.self, from: try JSONEncoder().encode(state))
}
