import Document
import Foundation
import GateTestSupport
import ModelGate
import Statistics
import Testing
@testable import LatencyGate

/// Shards of one load add up: each sends its share, `merge` adds histograms and counts, and a
/// state that no real measurement could have written is refused.
@Suite struct LatencyShardTests {
    @Test func shardsSendTheirSharesAndMergeAddsThemUp() async throws {
        let space = try LatencyWorkspace(script: "while IFS= read -r line; do echo \"$line\" >> seen.log; echo 0.5; done\n")
        let options = """
            data: rows.csv
            concurrency: 3
            requests: 31
            """
        let paths = try await space.workspace.shardReports(options, count: 3)
        let report = try await space.workspace.merge(options, paths: paths)
        let gate = try #require(report.gates.first)
        #expect(gate.status == .pass, "\(gate.error ?? gate.summary)")
        #expect(gate.evidence["requests"] == 31)
        let seen = try String(contentsOfFile: space.root + "/seen.log", encoding: .utf8).split(separator: "\n")
        #expect(seen.count == 31)
    }

    @Test func aShardOfAnotherLoadIsRefused() async throws {
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        let paths = try await space.workspace.shardReports("data: rows.csv\nconcurrency: 2\nrequests: 4", count: 2)
        let report = try await space.workspace.merge("data: rows.csv\nconcurrency: 2\nrequests: 8", paths: paths)
        #expect(report.gates[0].status == .error)
        #expect(report.gates[0].error?.contains("measured another load") == true, "\(report.gates[0].error ?? "")")
    }

    @Test func shareSplitsAWholeIntoPartsThatAddUp() throws {
        for count in 1...7 {
            for total in count...40 {
                let parts = (1...count).map { LatencyRun.share(total, of: Shard(index: $0, count: count)!) }
                #expect(parts.reduce(0, +) == total)
                #expect(parts.max()! - parts.min()! <= 1)
            }
        }
    }

    static func window(successes: Int, failures: Int = 0, elapsed: UInt64 = 1_000_000_000) -> LoadTally {
        var tally = LoadTally()
        for index in 0..<successes { tally.recordSuccess(nanoseconds: UInt64(1_000_000 + index)) }
        for _ in 0..<failures { tally.recordFailure(.http5xx) }
        tally.finish(elapsedNanoseconds: elapsed)
        return tally
    }

    @Test func aStateReadsBackAsItWasWritten() throws {
        let state = LatencyState(load: "concurrency 2", windows: [Self.window(successes: 10, failures: 2), Self.window(successes: 3)])
        let back = try LatencyState(state.encoded(), name: "shard 1/2")
        #expect(back == state)
    }

    @Test func forgedStatesAreRefused() throws {
        let good = LatencyState(load: "concurrency 2", windows: [Self.window(successes: 10)]).encoded().document
        func forged(_ change: (inout [Node.Member]) -> Void) -> GateState {
            guard case .object(var members) = good.value, case .array(let windows) = members[2].value.value,
                  case .object(var window) = windows[0].value else { fatalError("state shape") }
            change(&window)
            members[2] = Node.Member(key: "windows", value: Node(.array([Node(.object(window))])))
            return GateState(Node(.object(members)))
        }
        let faster = forged { $0[3] = Node.Member(key: "throughput", value: Node(.double(1e6))) }
        #expect(throws: GateFailure.self) { try LatencyState(faster, name: "shard 1/2") }
        let negative = forged { window in
            window[1] = Node.Member(key: "errors", value: Node(.object(LoadErrorKind.allCases.map {
                Node.Member(key: $0.rawValue, value: Node(.int(-1)))
            })))
        }
        #expect(throws: GateFailure.self) { try LatencyState(negative, name: "shard 1/2") }
        let garbage = forged { $0[0] = Node.Member(key: "histogram", value: Node(.string("bm90IGEgaGlzdG9ncmFt"))) }
        #expect(throws: GateFailure.self) { try LatencyState(garbage, name: "shard 1/2") }
        let claimed = GateState(good, origin: ShardOrigin(description: "shard 1/2", evidence: Evidence([("requests", 11)])))
        #expect(throws: GateFailure.self) { try LatencyState(claimed, name: "shard 1/2") }
    }
}

/// A whole run's JSON report keeps the histograms, so a later run or a reviewer can compare
/// distributions, and the report reads back as a baseline.
@Suite struct LatencyReportStateTests {
    @Test func theJSONReportCarriesTheHistogramsAndReadsBackAsABaseline() async throws {
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        let report = try await space.report("data: rows.csv\nrequests: 12\nrepeats: 2")
        let gate = try #require(report.gates.first)
        #expect(gate.status == .pass, "\(gate.error ?? gate.summary)")
        let state = try LatencyState(try #require(gate.state), name: "the report")
        #expect(state.windows.count == 2)
        #expect(state.windows.reduce(0) { $0 + $1.succeeded } == 24)
        let json = JSONReporter().render(report)
        let baseline = try BaselineReport.parse(Array(json.utf8), path: "baseline.json", ranges: MetricRanges(declaredBy: [LatencyGate.self]))
        #expect(baseline.metrics["quality"]?["p50_ms"] == gate.metrics.first { $0.name == "p50_ms" }?.value)
    }
}
