import Foundation
import Testing

/// `modelgate run --shard K/N` and `modelgate merge`, end to end through the binary.
extension CLITests {
    func shardedWorkspace() throws -> String {
        let folder = try temporaryFolder()
        var lines = ["id,label,score"]
        for row in 0..<200 { lines.append("r\(row),\(row % 3 == 0 ? 1 : 0),\(Double((row * 37) % 100) / 100)") }
        try write(folder, "test.csv", lines.joined(separator: "\n") + "\n")
        try write(folder, "card.sh", "#!/bin/sh\ncat > /dev/null\necho '{\"status\": \"pass\", \"evidence\": {\"files_scanned\": 1}}'\n",
                  executable: true)
        try write(folder, "p.yml", """
            version: 1
            candidate: {name: m, version: '1'}
            gates:
              - {id: card, type: custom, command: [./card.sh]}
              - id: quality
                type: accuracy
                data: test.csv
                task: binary
                label: label
                score: score
                id_column: id
                bootstrap: 20
                decide: point
                thresholds: {accuracy: ">= 0.5", roc_auc: ">= 0.3"}

            """)
        return folder
    }

    func jsonObject(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    func gate(_ report: [String: Any], _ id: String) -> [String: Any] {
        (report["gates"] as? [[String: Any]])?.first { $0["id"] as? String == id } ?? [:]
    }

    @Test func shardRunsThenAMergeGiveTheVerdictAndMetricsOfOneRun() throws {
        let folder = try shardedWorkspace()
        let whole = try modelgate(["run", "--config", "p.yml", "--quiet", "--report", "json:whole.json"], in: folder)
        #expect(whole.status == 0, "\(whole.stdout)\(whole.stderr)")
        for index in 1...3 {
            let shard = try modelgate(["run", "--config", "p.yml", "--shard", "\(index)/3", "--report", "json:s\(index).json", "--no-color"],
                                      in: folder)
            #expect(shard.status == 0, "\(shard.stdout)\(shard.stderr)")
            #expect(shard.stdout.contains("verdict: PARTIAL: shard \(index)/3 measured"), "\(shard.stdout)")
            let report = try jsonObject(folder + "/s\(index).json")
            #expect(report["verdict"] as? String == "partial")
            #expect(gate(report, "card")["status"] as? String == "skipped", "plug-ins run at the merge, not in shards")
        }
        let merged = try modelgate(["merge", "--config", "p.yml", "--report", "json:merged.json", "--no-color", "s3.json", "s1.json", "s2.json"],
                                   in: folder)
        #expect(merged.status == whole.status, "\(merged.stdout)\(merged.stderr)")
        #expect(merged.stdout.contains("merged from 3 shard reports"))
        let one = try jsonObject(folder + "/whole.json"), combined = try jsonObject(folder + "/merged.json")
        #expect(combined["verdict"] as? String == one["verdict"] as? String)
        #expect(combined["mergedShards"] as? Int == 3)
        #expect(gate(combined, "card")["status"] as? String == "pass")
        let mergedMetrics = try #require(gate(combined, "quality")["metrics"] as? [String: Double])
        #expect(!mergedMetrics.isEmpty)
        #expect(mergedMetrics == gate(one, "quality")["metrics"] as? [String: Double])
        let intervals = { (report: [String: Any]) in
            (gate(report, "quality")["checks"] as? [[String: Any]])?.map { $0["interval"] as? [Double] }
        }
        #expect(intervals(combined) == intervals(one))
    }

    @Test func shardAndMergeMistakesAreUsageErrors() throws {
        let folder = try shardedWorkspace()
        let noReport = try modelgate(["run", "--config", "p.yml", "--shard", "1/2"], in: folder)
        #expect(noReport.status == 2)
        #expect(noReport.stderr.contains("add --report json:shard-1.json"), "\(noReport.stderr)")
        let badShard = try modelgate(["run", "--config", "p.yml", "--shard", "3/2", "--report", "json:x.json"], in: folder)
        #expect(badShard.status == 2)
        #expect(badShard.stderr.contains("--shard takes K/N with 1 <= K <= N <= 10000"))
        let noGate = try modelgate(["run", "--config", "p.yml", "--shard", "1/2", "--only", "card", "--report", "json:x.json"], in: folder)
        #expect(noGate.status == 2)
        #expect(noGate.stderr.contains("can split into shards"))

        for index in 1...2 {
            _ = try modelgate(["run", "--config", "p.yml", "--shard", "\(index)/2", "--quiet", "--report", "json:s\(index).json"], in: folder)
        }
        let missing = try modelgate(["merge", "--config", "p.yml", "s1.json"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("1 is missing (2/2)"), "\(missing.stderr)")
        let none = try modelgate(["merge", "--config", "p.yml"], in: folder)
        #expect(none.status == 2)
        #expect(none.stderr.contains("Missing expected argument '<shard-report.json>'"), "\(none.stderr)")

        try write(folder, "p.yml", try String(contentsOfFile: folder + "/p.yml", encoding: .utf8).replacingOccurrences(of: ">= 0.5", with: ">= 0.6"))
        let changed = try modelgate(["merge", "--config", "p.yml", "s1.json", "s2.json"], in: folder)
        #expect(changed.status == 2)
        #expect(changed.stderr.contains("another version of this pipeline file"), "\(changed.stderr)")
    }
}
