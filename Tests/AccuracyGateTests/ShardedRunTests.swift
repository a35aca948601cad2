import Document
import Foundation
import GateTestSupport
import ModelGate
import Testing
@testable import AccuracyGate

/// `modelgate run --shard K/N` for every K, then `modelgate merge`, must report what one run
/// reports: the same metrics bit for bit (AUC, bootstrap intervals and per-class metrics
/// included), the same checks and the same evidence, however the rows were split.
@Suite struct ShardedRunTests {
    /// Generated test sets: every task, string and numeric labels, slices met in other orders.
    static func binaryCSV(rows: Int) -> String {
        var generator = SplitMix64(seed: 11)
        var lines = ["id,region,label,score"]
        for row in 0..<rows {
            // The last region first appears late, so shards meet regions in different orders.
            let regions = row < rows / 2 ? ["north", "south", "east"] : ["north", "south", "east", "west"]
            let region = regions[Int(generator.next() % UInt64(regions.count))]
            let positive = generator.next() % 3 == 0
            // Scores with 2 decimals: many ties, which AUC must treat as scikit-learn does.
            let noise = Double(generator.next() % 60) / 100
            let score = min(1, max(0, (positive ? 0.4 : 0.0) + noise))
            lines.append("c\(row * 7 % 1000),\(region),\(positive ? "yes" : "no"),\(String(format: "%.2f", score))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let binaryOptions = """
        data: test.csv
        task: binary
        label: label
        positive: "yes"
        score: score
        slice_by: region
        min_slice_rows: 20
        slice_thresholds: {f1: ">= 0.1"}
        bootstrap: 50
        thresholds:
          accuracy: ">= 0.5"
          f1: ">= 0.5"
          roc_auc: ">= 0.8"
          log_loss: "<= 1"
          mcc: ">= 0.2"
          f1_gap: "<= 0.5"
        """

    static func multiclassCSV(rows: Int) -> String {
        var generator = SplitMix64(seed: 12)
        let animals = ["cat", "dog", "bird", "fish", "newt"]
        var lines = ["id,label,prediction"]
        for row in 0..<rows {
            let label = animals[Int(generator.next() % 5)]
            let right = generator.next() % 10 < 7
            let prediction = right ? label : animals[Int(generator.next() % 5)]
            lines.append("\(row),\(label),\(prediction)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let multiclassOptions = """
        data: test.csv
        task: multiclass
        label: label
        prediction: prediction
        bootstrap: 40
        thresholds:
          accuracy: ">= 0.5"
          f1_macro: ">= 0.5"
          mcc: ">= 0.5"
          cohen_kappa: ">= 0.5"
          "recall[class=newt]": ">= 0.5"
        """

    static func regressionCSV(rows: Int) -> String {
        var generator = SplitMix64(seed: 13)
        var lines = ["id,segment,y,yhat"]
        for row in 0..<rows {
            let y = Double(generator.next() % 10_000) / 100 + 1
            let yhat = y + Double(Int(generator.next() % 2_001) - 1_000) / 200
            lines.append("r\(row),\(["a", "b"][row % 2]),\(y),\(yhat)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let regressionOptions = """
        data: test.csv
        task: regression
        label: y
        prediction: yhat
        slice_by: segment
        bootstrap: 30
        thresholds:
          r2: ">= 0.9"
          rmse: "<= 5"
          mae_gap: "<= 1"
        """

    /// Whole-run and merged results agree in everything a user sees but the run time.
    func expectSameResult(_ merged: GateResult, _ whole: GateResult, _ label: String,
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(merged.error == nil, "\(label): \(merged.error ?? "")", sourceLocation: sourceLocation)
        #expect(merged.status == whole.status, "\(label)", sourceLocation: sourceLocation)
        #expect(merged.summary == whole.summary, "\(label)", sourceLocation: sourceLocation)
        #expect(merged.metrics.map(\.name) == whole.metrics.map(\.name), "\(label)", sourceLocation: sourceLocation)
        for (mine, theirs) in zip(merged.metrics, whole.metrics) where mine.value.bitPattern != theirs.value.bitPattern {
            Issue.record("\(label): \(mine.name) merged \(mine.value), one run \(theirs.value)", sourceLocation: sourceLocation)
        }
        #expect(merged.checks.map(\.metric) == whole.checks.map(\.metric), "\(label)", sourceLocation: sourceLocation)
        for (mine, theirs) in zip(merged.checks, whole.checks) {
            #expect(mine.actual.bitPattern == theirs.actual.bitPattern && mine.status == theirs.status
                    && mine.interval == theirs.interval && mine.note == theirs.note,
                    "\(label): check \(mine.metric): merged \(mine), one run \(theirs)", sourceLocation: sourceLocation)
        }
        var evidence = merged.evidence
        #expect(evidence["shards"] != nil, "\(label): a merged gate says how many shards it merged", sourceLocation: sourceLocation)
        evidence["shards"] = nil
        #expect(evidence == whole.evidence, "\(label): \(evidence.entries) vs \(whole.evidence.entries)", sourceLocation: sourceLocation)
        #expect(merged.log == whole.log, "\(label): logs differ", sourceLocation: sourceLocation)
    }

    func expectMergeEqualsOneRun(_ files: [String: String], _ options: String, shardCounts: [Int] = [1, 2, 3, 5]) async throws {
        let workspace = try GateWorkspace(files)
        let whole = try await workspace.run(options)
        #expect(whole.error == nil, "\(whole.error ?? "")")
        for count in shardCounts {
            let paths = try await workspace.shardReports(options, count: count)
            var shardRows = 0
            for path in paths {
                let report = try JSONReader.read([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
                #expect(report["verdict"]?.stringValue == "partial")
                #expect(report["gates"]?.arrayValue?.first?["status"]?.stringValue == "partial")
                if case .int(let rows)? = report["gates"]?.arrayValue?.first?["evidence"]?["rows"]?.value { shardRows += rows }
            }
            #expect(shardRows == whole.evidence["rows"], "\(count) shards: every row is in exactly one shard")
            let merged = try await workspace.merge(options, paths: paths)
            #expect(merged.mergedShards == count)
            expectSameResult(merged.gates[0], whole, "\(count) shards")
        }
    }

    @Test func binaryWithSlicesTiesAndBootstrap() async throws {
        try await expectMergeEqualsOneRun(["test.csv": Self.binaryCSV(rows: 900)], Self.binaryOptions)
    }

    @Test func binaryShardedByAStableHashOfTheId() async throws {
        try await expectMergeEqualsOneRun(["test.csv": Self.binaryCSV(rows: 900)], "id_column: id\n" + Self.binaryOptions,
                                          shardCounts: [3])
    }

    @Test func multiclassWhoseShardsMeetClassesInOtherOrders() async throws {
        try await expectMergeEqualsOneRun(["test.csv": Self.multiclassCSV(rows: 700)], Self.multiclassOptions)
    }

    @Test(arguments: ["slices_multiclass", "slices_binary"])
    func scikitLearnSliceFixtures(_ name: String) async throws {
        let fixture = try SliceFixture.load(name)
        try await expectMergeEqualsOneRun(["test.csv": fixture.csv], fixture.options(), shardCounts: [2, 4])
    }

    @Test func regressionWithSlices() async throws {
        try await expectMergeEqualsOneRun(["test.csv": Self.regressionCSV(rows: 600)], Self.regressionOptions)
    }

    @Test func joinedPredictionsSplitByIdWithSkippedAndUnmatchedRows() async throws {
        var labels = ["id,label"], predictions = ["id,score"]
        var generator = SplitMix64(seed: 14)
        for row in 0..<400 {
            let positive = generator.next() % 2 == 0
            labels.append("u\(row),\(row % 37 == 0 ? "" : positive ? "1" : "0")")
            // Every 23rd row has no prediction; some predictions match no row.
            if row % 23 != 0 { predictions.append("u\(row),\(positive ? 0.7 : 0.3)") }
            if row % 50 == 0 { predictions.append("ghost\(row),0.5") }
        }
        let options = """
            data: labels.csv
            predictions: predictions.csv
            id_column: id
            task: binary
            label: label
            score: score
            missing: skip
            max_skipped: 100%
            thresholds: {accuracy: ">= 0.9"}
            """
        try await expectMergeEqualsOneRun(["labels.csv": labels.joined(separator: "\n") + "\n",
                                           "predictions.csv": predictions.joined(separator: "\n") + "\n"], options,
                                          shardCounts: [3])
    }

    @Test func predictorAnswersForEachShardsOwnRowsOnly() async throws {
        var lines = ["id,x,label"]
        for row in 0..<120 { lines.append("p\(row),\(Double(row % 10) / 10),\(row % 10 >= 4 ? 1 : 0)") }
        // The "model" answers x as the score, and notes how many rows it was asked about.
        let script = "#!/bin/sh\ntee -a asked.log | awk -F'\"x\":' '{ split($2, a, /[,}]/); print a[1] }'\n"
        let files = ["test.csv": lines.joined(separator: "\n") + "\n", "predict.sh": script]
        let options = "data: test.csv\ntask: binary\nlabel: label\nuse_predictor: true\nid_column: id\nthresholds: {roc_auc: \">= 0.9\"}"
        let workspace = try GateWorkspace(files)
        chmod(workspace.root + "/predict.sh", 0o755)
        workspace.candidate = "{name: test, version: '1', predictor: {type: command, command: [./predict.sh], inputs: [x], batch_size: 16}}"
        let whole = try await workspace.run(options)
        #expect(whole.error == nil, "\(whole.error ?? "")")
        let asked = workspace.root + "/asked.log"
        try? FileManager.default.removeItem(atPath: asked)
        let paths = try await workspace.shardReports(options, count: 3)
        let askedLines = try String(contentsOfFile: asked, encoding: .utf8).split(separator: "\n")
        #expect(askedLines.count == 120, "every row is sent once, by the shard it belongs to")
        let merged = try await workspace.merge(options, paths: paths)
        expectSameResult(merged.gates[0], whole, "predictor, 3 shards")
    }

    @Test func aMergeOfShardsThatReadDifferentDataIsAnError() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.binaryCSV(rows: 300)])
        let first = try await workspace.shardReports(Self.binaryOptions, count: 2)
        try workspace.write("test.csv", Self.binaryCSV(rows: 301))
        let second = try await workspace.shardReports(Self.binaryOptions, count: 2, prefix: "later")
        let merged = try await workspace.merge(Self.binaryOptions, paths: [first[0], second[1]])
        #expect(merged.verdict == .error)
        #expect(merged.gates[0].oneLineError.contains("shard 2 read a different data file"))
    }

    @Test func aBinaryTaskWhoseShardsSawThreeLabelsIsAnError() async throws {
        // Each shard alone has two labels; together they have three, which one run would refuse.
        let csv = "label,score\nyes,0.9\nno,0.2\nyes,0.8\nmaybe,0.4\n"
        let options = "data: test.csv\ntask: binary\nlabel: label\npositive: \"yes\"\nscore: score\nthresholds: {accuracy: \">= 0.01\"}"
        let workspace = try GateWorkspace(["test.csv": csv])
        #expect(try await workspace.run(options).oneLineError.contains("third label"))
        let merged = try await workspace.merge(options, paths: try await workspace.shardReports(options, count: 2))
        #expect(merged.gates[0].oneLineError.contains("a binary task has two classes"))
    }

    @Test func aStateThatDoesNotFitTheGateIsAnErrorNotACrash() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.multiclassCSV(rows: 60)])
        let paths = try await workspace.shardReports(Self.multiclassOptions, count: 2)
        let original = try String(contentsOfFile: paths[1], encoding: .utf8)
        // Each edit makes the second shard's state wrong in one way.
        let edits: [(String, String, String)] = [
            ("\"classes\":[", "\"classes\":[\"x:1\",", "not a coded label"),
            ("\"bytes\":", "\"bytes\":-", "a count is negative"),
            ("\"actual\":[", "\"actual\":[1000], \"ignored\":[", "inconsistent confusion counts"),
            ("\"skippedRows\":0", "\"skippedRows\":\"none\"", "cannot be read"),
        ]
        for (find, replace, expected) in edits {
            let compact = try #require(original.range(of: "\"state\""))
            // The state is written pretty: compare on the compact form the gate itself reads.
            let tampered = try tamper(original, from: compact.lowerBound, find, replace)
            try Data(tampered.utf8).write(to: URL(fileURLWithPath: paths[1]))
            let merged = try await workspace.merge(Self.multiclassOptions, paths: paths)
            #expect(merged.verdict == .error, "\(replace)")
            #expect(merged.gates[0].oneLineError.contains(expected), "\(replace): \(merged.gates[0].error ?? "")")
        }
    }

    /// Replaces the first `find` after `start`, ignoring the report's pretty-printing spaces.
    private func tamper(_ text: String, from start: String.Index, _ find: String, _ replace: String) throws -> String {
        let spaced = find.replacingOccurrences(of: "\":", with: "\": ")
        let range = try #require(text.range(of: spaced, range: start..<text.endIndex), "no \(spaced) in the state")
        return text.replacingCharacters(in: range, with: replace.replacingOccurrences(of: "\":", with: "\": "))
    }
}
