import Foundation
import Testing

/// `--baseline` and `merge` refuse a report no run could have written: exit 2, naming file and place.
extension CLITests {
    func edited(_ report: [String: Any], gate id: String, _ edit: (inout [String: Any]) -> Void) throws -> Data {
        var report = report
        var gates = try #require(report["gates"] as? [[String: Any]])
        let index = try #require(gates.firstIndex { $0["id"] as? String == id })
        edit(&gates[index])
        report["gates"] = gates
        return try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
    }

    @Test func aBaselineWithImpossibleValuesIsRefusedWithExitTwoAtItsPlace() throws {
        let folder = try shardedWorkspace()
        let whole = try modelgate(["run", "--config", "p.yml", "--quiet", "--report", "json:r.json"], in: folder)
        let again = try modelgate(["run", "--config", "p.yml", "--quiet", "--baseline", "r.json"], in: folder)
        #expect(again.status == whole.status, "a report modelgate wrote is a baseline: \(again.stderr)")

        let report = try jsonObject(folder + "/r.json")
        let edits: [(String, (inout [String: Any]) -> Void, String)] = [
            ("accuracy.json", { gate in
                var metrics = gate["metrics"] as? [String: Any] ?? [:]
                metrics["accuracy"] = 1.7
                gate["metrics"] = metrics
            }, "metrics.accuracy is 1.7, but accuracy is a proportion in [0, 1]"),
            ("rows.json", { gate in gate["evidence"] = ["rows": -200] }, "evidence.rows is -200"),
            ("status.json", { gate in gate["status"] = "passed" }, "status is \"passed\", which is not one of"),
        ]
        for (name, edit, expected) in edits {
            try edited(report, gate: "quality", edit).write(to: URL(fileURLWithPath: folder + "/" + name))
            let result = try modelgate(["run", "--config", "p.yml", "--baseline", name], in: folder)
            #expect(result.status == 2, "\(name): \(result.stderr)")
            #expect(result.stderr.hasPrefix(name + ":"), "\(result.stderr)")
            #expect(result.stderr.contains(": error: ") && result.stderr.contains(expected), "\(result.stderr)")
            #expect(result.stdout.isEmpty, "nothing ran")
        }
    }

    @Test func aShardReportNoShardRunWritesIsRefusedByMergeWithExitTwo() throws {
        let folder = try shardedWorkspace()
        for index in 1...2 {
            let shard = try modelgate(["run", "--config", "p.yml", "--shard", "\(index)/2", "--quiet", "--report", "json:s\(index).json"],
                                      in: folder)
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        try edited(try jsonObject(folder + "/s2.json"), gate: "quality") { gate in gate["status"] = "pass" }
            .write(to: URL(fileURLWithPath: folder + "/s2.json"))
        let merged = try modelgate(["merge", "--config", "p.yml", "s1.json", "s2.json"], in: folder)
        #expect(merged.status == 2, "\(merged.stderr)")
        #expect(merged.stderr.hasPrefix("s2.json:") && merged.stderr.contains("which no gate of a shard report has"), "\(merged.stderr)")
    }
}
