import Document
import Foundation
import Testing
@testable import ModelGate

/// A mergeable gate for the runner's shard and merge modes: its data is the `values` option; a
/// shard keeps the values at its row numbers, and the merge reports their mean.
struct SummingGate: MergeableGate {
    static let descriptor = GateDescriptor(
        type: "summing", summary: "Averages its values, shard by shard (tests only).", rationale: "Drives shard runs in tests.",
        options: [values.spec, failInShard.spec],
        metrics: [MetricSpec("mean", "the mean")], defaultTimeout: .seconds(30), examples: [])

    static let values = Option<Node>("values", .list, help: "the data")
    static let failInShard = Option<Int>("fail_in_shard", help: "throw when measuring this shard")

    let values: [Double]
    let failInShard: Int?

    init(options: GateOptions) throws(ConfigError) {
        values = (options[Self.values]?.arrayValue ?? []).compactMap(\.numberValue)
        failInShard = options.value(Self.failInShard)
    }

    func run(_ context: GateContext) async throws -> GateOutcome {
        outcome(sum: values.reduce(0, +), count: values.count)
    }

    func measure(_ context: GateContext, shard: Shard) async throws -> ShardMeasurement {
        if failInShard == shard.index { throw GateFailure("cannot read row 3") }
        let mine = values.indices.filter { shard.includes(rowIndex: $0) }.map { values[$0] }
        let state = Node(.object([Node.Member(key: "sum", value: Node(.double(mine.reduce(0, +)))),
                                  Node.Member(key: "count", value: Node(.int(mine.count)))]))
        return ShardMeasurement(state: GateState(state), evidence: Evidence([("rows", mine.count)]), summary: "\(mine.count) rows")
    }

    func merge(_ states: [GateState], _ context: GateContext) async throws -> GateOutcome {
        var sum = 0.0, count = 0
        for state in states {
            guard let part = state.document["sum"]?.numberValue, case .int(let rows)? = state.document["count"]?.value else {
                throw GateFailure("a state without sum and count")
            }
            sum += part
            count += rows
        }
        return outcome(sum: sum, count: count)
    }

    private func outcome(sum: Double, count: Int) -> GateOutcome {
        GateOutcome(metrics: [Metric("mean", sum / Double(max(count, 1)))], evidence: Evidence([("rows", count)]),
                    summary: "\(count) rows")
    }
}

let shardingRegistry = GateRegistry(builtins: [ScriptedGate.self, SummingGate.self], pluginDirectories: [], searchPath: "")

@Suite struct ShardTests {
    @Test func parsesKOfN() {
        #expect(Shard(parsing: "2/4") == Shard(index: 2, count: 4))
        #expect(Shard(parsing: "1/1")?.description == "1/1")
        for bad in ["0/4", "5/4", "a/b", "2/", "/4", "-1/4", "2/4/6", " 2/4", "2 /4", "+2/4", "٢/٤", "", "2/0", "1/10001",
                    "1/99999999999999999999"] {
            #expect(Shard(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func hashesWithThePublishedFNV1aVectors() {
        // The FNV reference test vectors (64-bit FNV-1a).
        for (text, expected): (String, UInt64) in [("", 0xCBF2_9CE4_8422_2325), ("a", 0xAF63_DC4C_8601_EC8C),
                                                    ("foobar", 0x8594_4171_F739_67E8)] {
            let hash = Array(text.utf8).withUnsafeBytes { Shard.fnv1a64($0) }
            #expect(hash == expected, "\(text)")
        }
    }

    @Test func everyRowIsInExactlyOneShardAndSharesAreEven() throws {
        let shards = (1...4).map { Shard(index: $0, count: 4)! }
        var byID = [0, 0, 0, 0]
        for row in 0..<10_000 {
            let id = Array("customer-\(row)".utf8)
            let owners = id.withUnsafeBytes { bytes in shards.filter { $0.includes(key: bytes) } }
            #expect(owners.count == 1)
            byID[owners[0].index - 1] += 1
            #expect(shards.filter { $0.includes(rowIndex: row) }.count == 1)
        }
        // Binomial(10000, 1/4) has a standard deviation of 43: 2500 ± 200 is over 4.5 of them.
        #expect(byID.allSatisfy { (2300...2700).contains($0) }, "\(byID)")
    }
}

@Suite struct ShardRunTests {
    static let yaml = header + """
      - id: card
        type: scripted
        metrics: {pages: 3}
      - id: quality
        type: summing
        values: [1, 2, 3, 4, 5, 6, 7]
        thresholds: {mean: ">= 4"}

    """

    func shardReports(_ yaml: String, count: Int, folder: Workspace) async throws -> [String] {
        let parsed = try pipeline(yaml, registry: shardingRegistry)
        var paths: [String] = []
        for index in 1...count {
            let options = RunOptions(today: "2026-11-25", mode: .shard(Shard(index: index, count: count)!))
            let report = await PipelineRunner(toolVersion: "test", options: options).run(parsed, artifacts: [])
            paths.append(folder.write("shard-\(index).json", JSONReporter().render(report)))
        }
        return paths
    }

    func merge(_ yaml: String, _ paths: [String]) async throws -> RunReport {
        let options = RunOptions(today: "2026-11-25", mode: .merge(try ShardReports.read(paths: paths)))
        return await PipelineRunner(toolVersion: "test", options: options).run(try pipeline(yaml, registry: shardingRegistry), artifacts: [])
    }

    @Test func aShardMeasuresMergeableGatesAndDecidesNothing() async throws {
        let options = RunOptions(today: "2026-11-25", mode: .shard(Shard(index: 2, count: 3)!))
        let report = try await run(Self.yaml, options: options, registry: shardingRegistry)
        #expect(report.verdict == .partial)
        #expect(report.verdict.exitCode == .allowed)
        #expect(report.shard == Shard(index: 2, count: 3))
        #expect(report.gates[0].status == .skipped)
        #expect(report.gates[0].summary.contains("do not split into shards"))
        let quality = report.gates[1]
        #expect(quality.status == .partial)
        #expect(quality.checks.isEmpty && quality.metrics.isEmpty)
        #expect(quality.evidence["rows"] == 2)  // rows 2 and 5 of 7 (0-based 1 and 4)
        #expect(quality.state?.document["count"] == Node(.int(2)))
        let json = JSONReporter().render(report)
        #expect(json.contains("\"shard\": {\n    \"index\": 2,\n    \"count\": 3\n  }"), "\(json)")
        #expect(json.contains("\"state\": {"))
    }

    @Test func aShardThatCannotMeasureIsAnError() async throws {
        let yaml = Self.yaml.replacingOccurrences(of: "values: [1", with: "fail_in_shard: 1\n    values: [1")
        let options = RunOptions(today: "2026-11-25", mode: .shard(Shard(index: 1, count: 2)!))
        let report = try await run(yaml, options: options, registry: shardingRegistry)
        #expect(report.verdict == .error)
        #expect(report.gates[1].error == "cannot read row 3")
    }

    @Test func theMergeDecidesWhatOneRunDecides() async throws {
        let folder = Workspace()
        defer { folder.remove() }
        let whole = try await run(Self.yaml, registry: shardingRegistry)
        for count in [1, 2, 3, 7, 9] {
            let merged = try await merge(Self.yaml, try await shardReports(Self.yaml, count: count, folder: folder))
            #expect(merged.verdict == whole.verdict)
            #expect(merged.mergedShards == count)
            // The gate that does not shard runs at the merge, as in a whole run.
            #expect(merged.gates[0].status == .pass && merged.gates[0].metrics.first?.value == 3)
            #expect(merged.gates[1].metrics.first?.value == 4)
            #expect(merged.gates[1].checks.map(\.status) == [.pass])
            #expect(merged.gates[1].evidence["rows"] == 7 && merged.gates[1].evidence["shards"] == count)
        }
    }

    @Test func theMergeAppliesNeedsToMergedResults() async throws {
        let folder = Workspace()
        defer { folder.remove() }
        let yaml = Self.yaml.replacingOccurrences(of: "metrics: {pages: 3}", with: "metrics: {pages: 3}\n    status: fail")
            .replacingOccurrences(of: "type: summing", with: "type: summing\n    needs: [card]")
        let paths = try await shardReports(yaml, count: 2, folder: folder)
        let merged = try await merge(yaml, paths)
        #expect(merged.verdict == .fail)
        #expect(merged.gates[1].status == .skipped)
        #expect(merged.gates[1].summary.contains("needs 'card'"))
    }

    @Test func aShardThatCouldNotMeasureMakesTheMergedGateAnError() async throws {
        let folder = Workspace()
        defer { folder.remove() }
        let failing = Self.yaml.replacingOccurrences(of: "values: [1", with: "fail_in_shard: 2\n    values: [1")
        let paths = try await shardReports(failing, count: 2, folder: folder)
        let merged = try await merge(failing, paths)
        #expect(merged.verdict == .error)
        let error = try #require(merged.gates[1].error)
        #expect(error.contains("could not measure its share in shard 2/2") && error.contains("cannot read row 3"), "\(error)")
    }

    @Test func aGateTheShardsDidNotRunIsAnErrorAtTheMerge() async throws {
        let folder = Workspace()
        defer { folder.remove() }
        let parsed = try pipeline(Self.yaml, registry: shardingRegistry)
        var paths: [String] = []
        for index in 1...2 {
            let options = RunOptions(skip: ["quality"], today: "2026-11-25", mode: .shard(Shard(index: index, count: 2)!))
            let report = await PipelineRunner(toolVersion: "test", options: options).run(parsed, artifacts: [])
            #expect(report.verdict == .error, "a shard run that measured nothing is no success")
            paths.append(folder.write("shard-\(index).json", JSONReporter().render(report)))
        }
        let merged = try await merge(Self.yaml, paths)
        #expect(merged.verdict == .error)
        #expect(merged.gates[1].error?.contains("did not run in shard 1/2") == true, "\(merged.gates[1].error ?? "")")
    }
}

@Suite struct ShardReportsTests {
    func reports(count: Int, in folder: Workspace, edit: (Int, inout String) -> Void = { _, _ in }) async throws -> [String] {
        let parsed = try pipeline(ShardRunTests.yaml, registry: shardingRegistry)
        var paths: [String] = []
        for index in 1...count {
            let options = RunOptions(today: "2026-11-25", mode: .shard(Shard(index: index, count: count)!))
            let report = await PipelineRunner(toolVersion: "test", options: options).run(parsed, artifacts: [])
            var text = JSONReporter().render(report)
            edit(index, &text)
            paths.append(folder.write("s\(index).json", text))
        }
        return paths
    }

    func readError(_ paths: [String]) -> String {
        do {
            _ = try ShardReports.read(paths: paths)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func readsTheShardsInAnyOrder() async throws {
        let folder = Workspace()
        defer { folder.remove() }
        let paths = try await reports(count: 3, in: folder)
        let read = try ShardReports.read(paths: [paths[2], paths[0], paths[1]])
        #expect(read.paths == paths)
        #expect(read.count == 3)
    }

    @Test func refusesAnIncompleteOrRepeatedSetOfShards() async throws {
        let folder = Workspace()
        defer { folder.remove() }
        let paths = try await reports(count: 3, in: folder)
        #expect(readError([paths[0], paths[2]]).contains("1 is missing (2/3)"))
        #expect(readError([paths[0], paths[1], paths[1], paths[2]]).contains("shard 2/3 is given twice"))
        #expect(readError([]).contains("no shard reports given"))
        let other = try await reports(count: 2, in: Workspace())
        #expect(readError([paths[0], other[1]]).contains("different splits"))
    }

    @Test func refusesShardsOfDifferentPipelinesCandidatesOrVersions() async throws {
        let folder = Workspace()
        defer { folder.remove() }
        let pipelines = try await reports(count: 2, in: folder) { index, text in
            if index == 2 { text = text.replacingOccurrences(of: "\"sha256\": \"", with: "\"sha256\": \"0") }
        }
        #expect(readError(pipelines).contains("pipeline file sha256"))
        let versions = try await reports(count: 2, in: folder) { index, text in
            if index == 2 { text = text.replacingOccurrences(of: "\"version\": \"test\"", with: "\"version\": \"9.9\"") }
        }
        #expect(readError(versions).contains("modelgate version"))

        let read = try ShardReports.read(paths: try await reports(count: 2, in: folder))
        let artifact = HashedArtifact(path: "model.onnx", sha256: String(repeating: "a", count: 64), bytes: 10)
        func checkError(sha: String? = nil, artifacts: [HashedArtifact] = [], version: String = "test") -> String {
            do {
                try read.check(configPath: "p.yml", configSHA256: sha ?? read.configSHA256, artifacts: artifacts, toolVersion: version)
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(checkError() == "no error")
        #expect(checkError(sha: "ab").contains("another version of this pipeline file"))
        #expect(checkError(artifacts: [artifact]).contains("other candidate artifacts"))
        #expect(checkError(version: "1.0").contains("made by modelgate \"test\""))
    }

    @Test func namesTheFileAndPlaceOfAMalformedReport() async throws {
        let folder = Workspace()
        defer { folder.remove() }
        let broken = folder.write("broken.json", "{\"schemaVersion\": 1,\n \"shard\": [}")
        #expect(readError([broken]).hasPrefix(broken + ":2:"))
        let whole = folder.write("whole.json", JSONReporter().render(try await run(ShardRunTests.yaml, registry: shardingRegistry)))
        #expect(readError([whole]).contains("not a shard report"))
        let badShard = folder.write("bad.json", "{\"schemaVersion\": 1, \"shard\": {\"index\": 3, \"count\": 2}}")
        #expect(readError([badShard]).contains("1 <= K <= N"))
        // The count comes from the report: a huge one is refused, not allocated.
        let huge = folder.write("huge.json", "{\"schemaVersion\": 1, \"shard\": {\"index\": 1, \"count\": 1000000000000}}")
        #expect(readError([huge]).contains("1 <= K <= N <= 10000"))
        let many = try await reports(count: 1, in: folder) { _, text in
            text = text.replacingOccurrences(of: "\"count\": 1", with: "\"count\": 10000")
        }
        #expect(readError(many).contains("9999 are missing (2/10000, 3/10000, 4/10000, 5/10000, 6/10000, 7/10000, 8/10000, 9/10000, 10/10000, 11/10000, …)"),
                "\(readError(many))")
        #expect(readError([folder.root + "/absent.json"]).contains("cannot be read"))
        let paths = try await reports(count: 1, in: folder) { _, text in
            text = text.replacingOccurrences(of: "\"state\": {", with: "\"state\": [], \"x\": {")
        }
        #expect(readError(paths).contains("must be an object"))
    }
}
