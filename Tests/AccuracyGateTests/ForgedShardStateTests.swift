import Document
import Foundation
import GateTestSupport
import ModelGate
import Testing
@testable import AccuracyGate

/// A shard report edited to claim better counts is refused by `modelgate merge` (the gate is an
/// error naming the report: exit 3), unless the edit is consistent everywhere a shard run's state
/// is: overall, slices, bootstrap blocks, score rankings, loss sums, rows, skips and evidence.
@Suite struct ForgedShardStateTests {
    /// A binary test set with ties, three slices, and two rows without a score (skipped).
    static func binaryCSV(flipping flipped: Set<Int> = []) -> String {
        var generator = SplitMix64(seed: 21)
        var lines = ["region,label,score"]
        // 301 rows: shard 1 of 2 has one more than shard 2, so one given twice does not add up.
        for row in 0..<301 {
            let region = ["north", "south", "east"][Int(generator.next() % 3)]
            let positive = generator.next() % 3 == 0
            var score = min(0.99, (positive ? 0.35 : 0.0) + Double(generator.next() % 60) / 100)
            // A forger's better model: the same bytes and rows, with some scores on the right side.
            if flipped.contains(row) { score = positive ? 0.95 : 0.05 }
            let cell = row == 17 || row == 201 ? "" : String(format: "%.2f", score)
            lines.append("\(region),\(positive ? "yes" : "no"),\(cell)")
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
        missing: skip
        bootstrap: 20
        decide: point
        thresholds: {accuracy: ">= 0.6", roc_auc: ">= 0.6", log_loss: "<= 2", f1_gap: "<= 0.9"}
        """

    /// The shard reports of an honest run, whose merge passes.
    func honestShards(_ workspace: GateWorkspace, _ options: String) async throws -> [String] {
        let paths = try await workspace.shardReports(options, count: 2)
        let merged = try await workspace.merge(options, paths: paths)
        #expect(merged.verdict == .pass, "the honest merge passes: \(merged.gates[0].error ?? merged.gates[0].summary)")
        return paths
    }

    /// Rewrites the report at `path` with `edit` applied to its first gate.
    func forge(_ path: String, _ edit: (inout Node) throws -> Void) throws {
        var report = try JSONReader.read([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        var gates = try #require(report["gates"]?.arrayValue)
        try edit(&gates[0])
        report = report.replacing("gates", with: Node(.array(gates)))
        try Data(JSONWriter.write(report).utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Expects the merge to be refused with an error naming shard 2's report and why.
    func expectRefused(_ workspace: GateWorkspace, _ options: String, _ paths: [String], _ reason: String, _ label: String,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let merged = try await workspace.merge(options, paths: paths)
        #expect(merged.verdict == .error, "\(label): \(merged.verdict)", sourceLocation: sourceLocation)
        let error = merged.gates[0].oneLineError
        #expect(error.contains(reason), "\(label): \(error)", sourceLocation: sourceLocation)
        #expect(error.contains("shard 2/2 (\(paths[1]))") || reason.contains("shards count"), "\(label): \(error)", sourceLocation: sourceLocation)
    }

    static func int(_ node: Node?) -> Int {
        if case .int(let value)? = node?.value { return value }
        return -1
    }

    @Test(arguments: [
        // (what the edit does, the path under the gate, the change, what the refusal says)
        ("one more true positive", ["state", "overall", "truePositives"], 3, "does not add up"),
        ("no false positives", ["state", "overall", "falsePositives"], -1_000, "does not add up"),
        ("no false negatives", ["state", "overall", "falseNegatives"], -1_000, "does not add up"),
        ("a better slice", ["state", "slices", "0", "state", "truePositives"], 5, "do not add up to its overall counts"),
        ("a better bootstrap block", ["state", "blocks", "7", "trueNegatives"], 1, "bootstrap block"),
        ("no skipped rows", ["state", "skippedRows"], -1_000, "does not add up"),
        ("more rows in the evidence", ["evidence", "rows"], 10, "its evidence says rows"),
        ("fewer skipped rows in the evidence", ["evidence", "skipped_rows"], -1, "its evidence says skipped_rows"),
        ("more scored rows", ["state", "overall", "scoredRows"], 1, "does not add up"),
    ] as [(String, [String], Int, String)])
    func aSingleCountEditedInABinaryShardIsRefused(_ label: String, _ path: [String], _ change: Int, _ reason: String) async throws {
        let workspace = try GateWorkspace(["test.csv": Self.binaryCSV()])
        let paths = try await honestShards(workspace, Self.binaryOptions)
        try forge(paths[1]) { gate in
            let old = Self.int(gate.at(path))
            #expect(old >= 0, "\(label): no count at \(path)")
            gate = gate.replacing(path, with: Node(.int(max(0, old + change))))
        }
        try await expectRefused(workspace, Self.binaryOptions, paths, reason, label)
    }

    @Test func aRankingOfAPerfectModelInPlaceOfTheRealOneIsRefused() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.binaryCSV()])
        let paths = try await honestShards(workspace, Self.binaryOptions)
        try forge(paths[1]) { gate in
            let overall = try #require(gate.at(["state", "overall"]))
            // The same positives and negatives, perfectly separated: AUC 1, and a valid ranking alone.
            var ranking = ScoreRanking()
            ranking.add(0.99, positive: true, count: Self.int(overall["ranking"]?["positives"]))
            ranking.add(0.01, positive: false, count: Self.int(overall["ranking"]?["negatives"]))
            gate = gate.replacing(["state", "overall", "ranking"], with: try Self.node(ranking))
        }
        try await expectRefused(workspace, Self.binaryOptions, paths, "not those of its ranked scores", "a perfect ranking")
    }

    @Test func aSmallerLogLossSumIsRefused() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.binaryCSV()])
        let paths = try await honestShards(workspace, Self.binaryOptions)
        try forge(paths[1]) { gate in
            var sum = ExactSum()
            sum.add(0.5)
            gate = gate.replacing(["state", "overall", "logLossSum"], with: try Self.node(sum))
        }
        try await expectRefused(workspace, Self.binaryOptions, paths, "log-loss sum is not that of its ranked scores", "log loss")
    }

    @Test func aShardsStateGivenForAnotherShardIsRefusedAsRowsCountedTwice() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.binaryCSV()])
        let paths = try await honestShards(workspace, Self.binaryOptions)
        let first = try JSONReader.read([UInt8](try Data(contentsOf: URL(fileURLWithPath: paths[0]))))
        let gate = try #require(first["gates"]?.arrayValue?.first)
        // State and evidence of shard 1, consistent in themselves, in shard 2's report.
        try forge(paths[1]) { $0 = $0.replacing(["state"], with: gate["state"]!).replacing(["evidence"], with: gate["evidence"]!) }
        try await expectRefused(workspace, Self.binaryOptions, paths, "shards count", "shard 1 twice")
    }

    @Test func aMulticlassStateWithAConsistentConfusionMatrixButBlocksThatDisagreeIsRefused() async throws {
        let workspace = try GateWorkspace(["test.csv": ShardedRunTests.multiclassCSV(rows: 200)])
        let options = ShardedRunTests.multiclassOptions.replacingOccurrences(of: "\"recall[class=newt]\": \">= 0.5\"", with: "")
            + "\ndecide: point"
        let paths = try await honestShards(workspace, options)
        try forge(paths[1]) { gate in
            // One wrong prediction made right in every count of the overall state: it decodes.
            var counts = try #require(gate.at(["state", "overall", "counts"]))
            var matrix = try #require(counts["matrix"]?.arrayValue).map { try #require($0.arrayValue).map { Self.int($0) } }
            let (label, predicted) = try #require(matrix.indices.lazy.flatMap { a in matrix.indices.map { (a, $0) } }
                .first { $0.0 != $0.1 && matrix[$0.0][$0.1] > 0 })
            matrix[label][predicted] -= 1
            matrix[label][label] += 1
            var predictions = try #require(counts["predicted"]?.arrayValue).map { Self.int($0) }
            var correct = try #require(counts["correct"]?.arrayValue).map { Self.int($0) }
            predictions[predicted] -= 1
            predictions[label] += 1
            correct[label] += 1
            func ints(_ values: [Int]) -> Node { Node(.array(values.map { Node(.int($0)) })) }
            counts = counts.replacing(["matrix"], with: Node(.array(matrix.map(ints))))
                .replacing(["predicted"], with: ints(predictions)).replacing(["correct"], with: ints(correct))
            gate = gate.replacing(["state", "overall", "counts"], with: counts)
        }
        try await expectRefused(workspace, options, paths, "bootstrap blocks do not add up", "one more right answer")
    }

    @Test func aRegressionStateWithSmallerErrorsIsRefused() async throws {
        let workspace = try GateWorkspace(["test.csv": ShardedRunTests.regressionCSV(rows: 200)])
        let options = "data: test.csv\ntask: regression\nlabel: y\nprediction: yhat\nslice_by: segment\nbootstrap: 20\ndecide: point\n"
            + "thresholds: {rmse: \"<= 5\", mae: \"<= 5\"}"
        let paths = try await honestShards(workspace, options)
        for key in ["absoluteErrors", "squaredErrors"] {
            let original = try Data(contentsOf: URL(fileURLWithPath: paths[1]))
            try forge(paths[1]) { gate in
                var sum = ExactSum()
                sum.add(0.001)
                gate = gate.replacing(["state", "overall", key], with: try Self.node(sum))
            }
            try await expectRefused(workspace, options, paths, "does not add up", key)
            try original.write(to: URL(fileURLWithPath: paths[1]))
        }
    }

    @Test(arguments: [
        // More unmatched rows than skipped ones. (Fewer cannot be told: which cause skipped a row is not kept.)
        (["state", "join", "unmatchedRows"], 1_000, "does not add up"),
        (["state", "join", "unmatchedPredictions"], 1_000, "does not add up"),
        (["state", "skippedRows"], -1, "does not add up"),
    ] as [([String], Int, String)])
    func anEditedJoinOfPredictionsIsRefused(_ path: [String], _ change: Int, _ reason: String) async throws {
        var labels = ["id,label"], predictions = ["id,score"]
        for row in 0..<200 {
            let positive = row % 3 == 0
            labels.append("u\(row),\(row % 37 == 0 ? "" : positive ? "1" : "0")")
            if row % 23 != 0 { predictions.append("u\(row),\(positive ? 0.7 : 0.3)") }
            if row % 50 == 0 { predictions.append("ghost\(row),0.5") }
        }
        let workspace = try GateWorkspace(["labels.csv": labels.joined(separator: "\n") + "\n",
                                           "predictions.csv": predictions.joined(separator: "\n") + "\n"])
        let options = """
            data: labels.csv
            predictions: predictions.csv
            id_column: id
            task: binary
            label: label
            score: score
            missing: skip
            max_skipped: 100%
            decide: point
            thresholds: {accuracy: ">= 0.9"}
            """
        let paths = try await honestShards(workspace, options)
        try forge(paths[1]) { gate in
            let old = Self.int(gate.at(path))
            gate = gate.replacing(path, with: Node(.int(max(0, old + change))))
            // The evidence edited to match, where it has the count: only the state can tell.
            if path.last == "skippedRows" { gate = gate.replacing(["evidence", "skipped_rows"], with: Node(.int(max(0, old + change)))) }
        }
        let merged = try await workspace.merge(options, paths: paths)
        #expect(merged.verdict == .error, "\(path)")
        #expect(merged.gates[0].oneLineError.contains(reason) || merged.gates[0].oneLineError.contains("shards count")
                || merged.gates[0].oneLineError.contains("joins leave"), "\(path): \(merged.gates[0].oneLineError)")
    }

    /// Merge checks consistency, not authenticity (as the README says): a shard report made from
    /// a doctored data file of the same size and rows is consistent everywhere, and merges.
    @Test func aForgeryConsistentEverywhereStillMerges() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.binaryCSV()])
        let paths = try await honestShards(workspace, Self.binaryOptions)
        let honest = try await workspace.merge(Self.binaryOptions, paths: paths)
        try workspace.write("test.csv", Self.binaryCSV(flipping: Set(stride(from: 1, to: 301, by: 2))))
        let forged = try await workspace.shardReports(Self.binaryOptions, count: 2, prefix: "forged")
        try workspace.write("test.csv", Self.binaryCSV())
        let merged = try await workspace.merge(Self.binaryOptions, paths: [paths[0], forged[1]])
        #expect(merged.verdict == .pass, "\(merged.gates[0].error ?? "")")
        #expect(merged.gates[0].metric("roc_auc")! > honest.gates[0].metric("roc_auc")!)
    }

    static func node(_ value: some Encodable) throws -> Node {
        try JSONReader.read([UInt8](try JSONEncoder().encode(value)))
    }
}

extension Node {
    /// The node at a path of object keys and array indices (written as numbers).
    func at(_ path: [String]) -> Node? {
        guard let step = path.first else { return self }
        if let index = Int(step), let items = arrayValue, items.indices.contains(index) { return items[index].at(Array(path.dropFirst())) }
        return self[step]?.at(Array(path.dropFirst()))
    }

    /// A copy with the node at `path` replaced (a missing last key is added).
    func replacing(_ path: [String], with node: Node) -> Node {
        guard let step = path.first else { return node }
        let rest = Array(path.dropFirst())
        switch value {
        case .array(var items):
            guard let index = Int(step), items.indices.contains(index) else { return self }
            items[index] = items[index].replacing(rest, with: node)
            return Node(.array(items))
        case .object(var members):
            if let index = members.firstIndex(where: { $0.key == step }) {
                members[index].value = members[index].value.replacing(rest, with: node)
            } else {
                members.append(Node.Member(key: step, value: Node(.null).replacing(rest, with: node)))
            }
            return Node(.object(members))
        default:
            return self
        }
    }

    func replacing(_ key: String, with node: Node) -> Node { replacing([key], with: node) }
}
