import Foundation
import Testing

/// Issue 9 item 8: a run killed part-way must not leave an earlier run's passing report behind.
extension CLITests {
    static let reportFormats = ["json:out/r.json", "junit:out/r.xml", "markdown:out/r.md", "console:out/r.txt"]

    /// Writes a real passing report to every report path, as the earlier run of a CI job would have.
    func seedPassingReports(_ folder: String) async throws {
        let pass = try await modelgate(["run", "--config", "p.yml", "--quiet"] + Self.reportFormats.flatMap { ["--report", $0] }, in: folder)
        #expect(pass.status == 0, "\(pass.stderr)")
        #expect(text(folder + "/out/r.json")?.contains("\"verdict\": \"pass\"") == true)
    }

    /// No report file reads as a pass, in any format, and none is half-written.
    func expectNoPass(_ folder: String, _ note: String) {
        let json = text(folder + "/out/r.json") ?? ""
        #expect(json.contains("\"verdict\": \"error\""), "\(note): \(json)")
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(note): whole JSON")
        #expect(text(folder + "/out/r.xml")?.contains("<property name=\"verdict\" value=\"error\"/>") == true, "\(note)")
        #expect(text(folder + "/out/r.xml")?.contains("errors=\"0\"") == false, "\(note): a JUnit view must count an error")
        #expect(text(folder + "/out/r.md")?.contains("**error**") == true, "\(note)")
        #expect(text(folder + "/out/r.txt")?.contains("ERROR: deploy blocked") == true, "\(note)")
    }

    @Test func sigkillWhileAGateRunsLeavesErrorReportsNotTheEarlierPass() async throws {
        let folder = try workspace()
        try await seedPassingReports(folder)
        try? FileManager.default.removeItem(atPath: folder + "/started")
        let process = try launch(["run", "--config", "slow.yml"] + Self.reportFormats.flatMap { ["--report", $0] }, in: folder)
        #expect(await waitUntil { FileManager.default.fileExists(atPath: folder + "/started") })
        kill(process.processIdentifier, SIGKILL)
        await waitForExit(process)
        expectNoPass(folder, "killed while the gate ran")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd")))
    func sigkillWhileArtifactsAreHashedLeavesErrorReports() async throws {
        let folder = try workspace(artifact: "big.bin")
        try write(folder, "big.bin", "small for now\n")
        try await seedPassingReports(folder)
        try FileManager.default.removeItem(atPath: folder + "/started")
        // Sparse: costs no disk, and takes minutes to hash, so the kill lands while hashing.
        truncate(folder + "/big.bin", 16 << 30)
        defer { unlink(folder + "/big.bin") }
        let process = try launch(["run", "--config", "p.yml"] + Self.reportFormats.flatMap { ["--report", $0] }, in: folder)
        #expect(await waitUntil { hasOpen(process.processIdentifier, "big.bin") })
        kill(process.processIdentifier, SIGKILL)
        #expect(await exits(process, within: 60))
        expectNoPass(folder, "killed while hashing")
        #expect(!FileManager.default.fileExists(atPath: folder + "/started"), "the gate had not started")
    }

    @Test func sigkillAtRandomMomentsNeverLeavesAHalfReportOrTheEarlierPass() async throws {
        let folder = try workspace()
        try await seedPassingReports(folder)
        // The re-run would fail: whenever it is killed, the file holds the placeholder (error) or
        // the new report (fail), both whole; the earlier pass only if the kill came before the run
        // had read its pipeline, which the test rules out by waiting for the placeholder.
        try write(folder, "plugin.sh", "#!/bin/sh\ncat >/dev/null\nsleep 0.2\necho '{\"status\": \"fail\", \"evidence\": {\"rows\": 1}}'\n",
                  executable: true)
        try FileManager.default.copyItem(atPath: folder + "/out", toPath: folder + "/seed")
        for delay in [0.0, 0.05, 0.1, 0.2, 0.3, 0.5] {
            try FileManager.default.removeItem(atPath: folder + "/out")
            try FileManager.default.copyItem(atPath: folder + "/seed", toPath: folder + "/out")
            let process = try launch(["run", "--config", "p.yml"] + Self.reportFormats.flatMap { ["--report", $0] }, in: folder)
            #expect(await waitUntil { !(text(folder + "/out/r.json")?.contains("\"verdict\": \"pass\"") ?? true) }, "the placeholder replaces the pass")
            try await Task.sleep(for: .seconds(delay))
            kill(process.processIdentifier, SIGKILL)
            await waitForExit(process)
            let json = text(folder + "/out/r.json") ?? ""
            #expect(json.contains("\"verdict\": \"error\"") || json.contains("\"verdict\": \"fail\""), "after \(delay)s: \(json)")
            #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "after \(delay)s: whole JSON")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/out").filter { !$0.hasPrefix("r.") }
            #expect(leftovers.allSatisfy { $0.hasPrefix(".r.") }, "only a temporary file of a write the kill cut short: \(leftovers)")
        }
    }

    @Test func aRunStoppedByAConfigurationErrorAfterTheChecksLeavesErrorReports() async throws {
        let folder = try workspace()
        try await seedPassingReports(folder)
        try FileManager.default.removeItem(atPath: folder + "/model.bin")
        try FileManager.default.createSymbolicLink(atPath: folder + "/model.bin", withDestinationPath: "/dev/zero")
        let result = try await modelgate(["run", "--config", "p.yml"] + Self.reportFormats.flatMap { ["--report", $0] }, in: folder)
        #expect(result.status == 2)
        expectNoPass(folder, "artifact refused")
    }

    @Test func reportsAreReplacedByRenameAndLeaveNoTemporaryFiles() async throws {
        let folder = try workspace()
        try await seedPassingReports(folder)
        // A hard link keeps the old inode: a rename leaves it untouched, an in-place write would not.
        try FileManager.default.linkItem(atPath: folder + "/out/r.json", toPath: folder + "/old.json")
        let old = text(folder + "/old.json")
        try write(folder, "plugin.sh", "#!/bin/sh\ncat >/dev/null\necho '{\"status\": \"fail\", \"evidence\": {\"rows\": 1}}'\n", executable: true)
        let result = try await modelgate(["run", "--config", "p.yml", "--quiet"] + Self.reportFormats.flatMap { ["--report", $0] }, in: folder)
        #expect(result.status == 1)
        #expect(text(folder + "/out/r.json")?.contains("\"verdict\": \"fail\"") == true)
        #expect(text(folder + "/old.json") == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted() == ["r.json", "r.md", "r.txt", "r.xml"])
    }

    @Test func aShardRunsPlaceholderIsNeverMergedAsAMeasuredShard() async throws {
        let folder = try shardedWorkspace()
        let first = try await modelgate(["run", "--config", "p.yml", "--shard", "1/2", "--quiet", "--report", "json:s1.json"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        // The same pipeline with an artifact refused after the placeholders: s2.json is left as one.
        let pipeline = text(folder + "/p.yml") ?? ""
        try write(folder, "k.yml", pipeline.replacingOccurrences(of: "candidate: {name: m, version: '1'}",
                                                                  with: "candidate: {name: m, version: '1', artifacts: [zero.bin]}"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/zero.bin", withDestinationPath: "/dev/zero")
        let second = try await modelgate(["run", "--config", "k.yml", "--shard", "2/2", "--quiet", "--report", "json:s2.json"], in: folder)
        #expect(second.status == 2)
        #expect(text(folder + "/s2.json")?.contains("\"verdict\": \"error\"") == true)
        let merge = try await modelgate(["merge", "--config", "p.yml", "s1.json", "s2.json"], in: folder)
        #expect(merge.status == 2)
        #expect(merge.stderr.contains("s2.json") && merge.stderr.contains("not a shard report"), "\(merge.stderr)")
    }
}
