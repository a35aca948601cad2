import Foundation
import Testing

/// Issue 9 items 10 and 11: a report never replaces a file the run reads, two reports never share
/// a file, an empty path is refused, and special files are written into, never replaced.
extension CLITests {
    /// Runs with `reports` and expects exit 2 with `message` in stderr, every input unchanged.
    func expectRefused(_ reports: [String], in folder: String, config: String = "p.yml", extra: [String] = [],
                       command: String = "run", message: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let inputs = ["p.yml", "model.bin", "test.csv", "plugin.sh"]
        let before = inputs.map { text(folder + "/" + $0) }
        let result = try await modelgate([command, "--config", config] + reports.flatMap { ["--report", $0] } + extra, in: folder)
        #expect(result.status == 2, "\(reports): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "\(reports): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(reports)", sourceLocation: sourceLocation)
        #expect(inputs.map { text(folder + "/" + $0) } == before, "\(reports) changed an input", sourceLocation: sourceLocation)
    }

    @Test func aReportPathThatIsAnInputIsRefusedHoweverItIsSpelled() async throws {
        let folder = try workspace()
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.yml", withDestinationPath: "p.yml")
        try FileManager.default.linkItem(atPath: folder + "/test.csv", toPath: folder + "/hard.csv")
        let cases: [(String, String)] = [
            ("json:p.yml", "over the pipeline file"),
            ("junit:./p.yml", "over the pipeline file"),
            ("markdown:sub/../p.yml", "over the pipeline file"),
            ("json:\(folder)/p.yml", "over the pipeline file"),
            ("json:link.yml", "over the pipeline file"),
            ("json:model.bin", "over artifact 'model.bin'"),
            ("console:test.csv", "over option 'data' of gate 'g'"),
            ("json:hard.csv", "over option 'data' of gate 'g'"),
            ("json:plugin.sh", "over the plug-in of gate 'g'"),
        ]
        for (report, message) in cases {
            try await expectRefused([report], in: folder, message: message)
        }
    }

    @Test func aReportPathThatIsADeclaredDataFileIsRefusedEvenBeforeTheFileExists() async throws {
        let folder = try workspace()
        try write(folder, "acc.yml", """
            version: 1
            candidate: {name: m, version: '1'}
            gates:
              - {id: q, type: accuracy, data: later.csv, predictions: preds.csv, id_column: id, task: binary, label: label, score: score}

            """)
        try await expectRefused(["json:later.csv"], in: folder, config: "acc.yml", message: "over option 'data' of gate 'q'")
        try await expectRefused(["json:./preds.csv"], in: folder, config: "acc.yml", message: "over option 'predictions' of gate 'q'")
        #expect(!FileManager.default.fileExists(atPath: folder + "/later.csv"))
    }

    @Test func aReportPathThatIsTheBaselineOrAShardInputIsRefused() async throws {
        let folder = try workspace()
        let first = try await modelgate(["run", "--config", "p.yml", "--quiet", "--report", "json:base.json"], in: folder)
        #expect(first.status == 0)
        let baseline = text(folder + "/base.json")
        try await expectRefused(["json:base.json"], in: folder, extra: ["--baseline", "base.json"], message: "over the baseline report")
        #expect(text(folder + "/base.json") == baseline)

        let shards = try shardedWorkspace()
        for index in 1...2 {
            let shard = try await modelgate(["run", "--config", "p.yml", "--shard", "\(index)/2", "--quiet", "--report", "json:s\(index).json"], in: shards)
            #expect(shard.status == 0)
        }
        let shardText = text(shards + "/s2.json")
        let merge = try await modelgate(["merge", "--config", "p.yml", "--report", "json:./s2.json", "s1.json", "s2.json"], in: shards)
        #expect(merge.status == 2)
        #expect(merge.stderr.contains("over shard report s2.json"), "\(merge.stderr)")
        #expect(text(shards + "/s2.json") == shardText)
        let overData = try await modelgate(["merge", "--config", "p.yml", "--report", "json:test.csv", "s1.json", "s2.json"], in: shards)
        #expect(overData.status == 2)
        #expect(overData.stderr.contains("over option 'data' of gate 'quality'"), "\(overData.stderr)")
    }

    @Test func aPlugInOptionNamingAnExistingFileProtectsIt() async throws {
        let folder = try workspace()
        try write(folder, "labels.txt", "cat\ndog\n")
        try write(folder, "q.yml", """
            version: 1
            candidate: {name: m, version: '1'}
            gates:
              - {id: g, type: custom, command: [./plugin.sh], files: {labels: [labels.txt]}}

            """)
        try await expectRefused(["json:labels.txt"], in: folder, config: "q.yml", message: "over option 'files' of gate 'g'")
        #expect(text(folder + "/labels.txt") == "cat\ndog\n")
    }

    @Test func writingIntoADeviceTheRunAlsoNamesIsNoClash() async throws {
        let folder = try workspace()
        try write(folder, "q.yml", """
            version: 1
            candidate: {name: m, version: '1'}
            gates:
              - {id: g, type: custom, command: [./plugin.sh], input: /dev/null}

            """)
        _ = try await shell("\"$0\" run --config q.yml > /dev/null; echo $? > status", in: folder)
        #expect(text(folder + "/status") == "0\n", "stdout on /dev/null, which an option also names")
    }

    @Test func twoReportsOnOneFileAndEmptyPathsAreRefused() async throws {
        let folder = try workspace()
        try write(folder, "r.json", "")
        try FileManager.default.createSymbolicLink(atPath: folder + "/alias.json", withDestinationPath: "r.json")
        try await expectRefused(["json:r.json", "junit:./r.json"], in: folder, message: "Two reports would be written to one file")
        try await expectRefused(["json:r.json", "markdown:alias.json"], in: folder, message: "Two reports would be written to one file")
        try await expectRefused(["json:out/r.json", "junit:out/../out/r.json"], in: folder, message: "Two reports would be written to one file")
        for empty in ["json:", "junit:", "console:"] {
            try await expectRefused([empty], in: folder, message: "Empty path in '--report \(empty)'")
        }
        #expect(text(folder + "/r.json") == "", "nothing written on a refusal")
    }

    @Test func aReportPathThatCannotBeWrittenStopsTheRunBeforeAnyGate() async throws {
        let folder = try workspace()
        try write(folder, "notes.txt", "mine\n")
        for report in ["json:notes.txt/r.json", "junit:notes.txt/sub/r.xml"] {
            let result = try await modelgate(["run", "--config", "p.yml", "--report", report], in: folder)
            #expect(result.status == 2, "\(report): \(result.stderr)")
            #expect(result.stderr.contains("notes.txt"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/started"), "no gate ran")
        }
        #expect(text(folder + "/notes.txt") == "mine\n")
    }

    @Test func aSymbolicLinkIsWrittenThroughAndStaysALink() async throws {
        let folder = try workspace()
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/existing.json", withDestinationPath: "real/a.json")
        try write(folder, "real/a.json", "old\n")
        try FileManager.default.createSymbolicLink(atPath: folder + "/fresh.xml", withDestinationPath: "real/b.xml")
        try write(folder, "real/b.xml", "old\n")
        let result = try await modelgate(["run", "--config", "p.yml", "--quiet", "--report", "json:existing.json", "--report", "junit:fresh.xml"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        for (link, target) in [("existing.json", "real/a.json"), ("fresh.xml", "real/b.xml")] {
            #expect(fileType(folder + "/" + link) == .typeSymbolicLink, "\(link) is still a link")
            #expect(fileType(folder + "/" + target) == .typeRegular)
            #expect(text(folder + "/" + target)?.contains("pass") == true, "\(target) holds the report")
        }
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling.json", withDestinationPath: "nowhere/x.json")
        try await expectRefused(["json:dangling.json"], in: folder, message: "is a symbolic link to a file that does not exist")
        try await expectRefused(["json:real"], in: folder, message: "is a folder")
    }

    @Test func aFIFOIsWrittenIntoAndStaysAFIFO() async throws {
        let folder = try workspace()
        for (index, format) in ["json", "junit", "markdown"].enumerated() {
            let fifo = folder + "/pipe\(index)"
            #expect(mkfifo(fifo, 0o600) == 0)
            nonisolated(unsafe) var received = Data()
            let reader = Thread { received = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data() }
            reader.start()
            let result = try await modelgate(["run", "--config", "p.yml", "--quiet", "--report", "\(format):pipe\(index)", "--report", "json:r\(index).json"],
                                       in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(await waitUntil(seconds: 10) { reader.isFinished })
            #expect(String(decoding: received, as: UTF8.self).contains("pass"), "\(format) report came through the FIFO")
            #expect(isFIFO(fifo), "still a FIFO")
        }
    }

    func isFIFO(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO
    }

    /// A character device and a path naming stdout for the test to write reports to. As root a
    /// broken modelgate could replace the machine's own /dev/null and /dev/stdout (it once did), so
    /// root tests use equivalents of its own: a null device made in `folder`, and a link to
    /// /proc/self/fd/1 (what /dev/stdout is on Linux).
    func deviceAndStdoutPaths(in folder: String) -> (device: String, stdout: String)? {
        guard geteuid() == 0 else { return ("/dev/null", "/dev/stdout") }
        let nullDevice: dev_t = (1 << 8) | 3  // major 1, minor 3: /dev/null on Linux
        guard mknod(folder + "/null", S_IFCHR | 0o666, nullDevice) == 0,
              symlink("/proc/self/fd/1", folder + "/stdout") == 0 else { return nil }
        return (folder + "/null", folder + "/stdout")
    }

    @Test func devicesAndStdoutPathsAreWrittenIntoNeverReplaced() async throws {
        let folder = try workspace()
        let (device, stdoutPath) = try #require(deviceAndStdoutPaths(in: folder))
        var before = stat()
        #expect(lstat(device, &before) == 0)
        let twice = try await modelgate(["run", "--config", "p.yml", "--report", "json:\(device)", "--report", "junit:\(device)"], in: folder)
        #expect(twice.status == 2, "two reports on one device are still two reports on one file")
        let one = try await modelgate(["run", "--config", "p.yml", "--quiet", "--report", "json:\(device)", "--report", "junit:r.xml"], in: folder)
        #expect(one.status == 0, "\(one.stderr)")
        var after = stat()
        #expect(lstat(device, &after) == 0)
        #expect(after.st_mode & S_IFMT == S_IFCHR && after.st_ino == before.st_ino, "\(device) is still the device")

        // A path naming stdout: the report goes there, in place of the console report.
        let stdout = try await modelgate(["run", "--config", "p.yml", "--report", "json:\(stdoutPath)"], in: folder)
        #expect(stdout.status == 0, "\(stdout.stderr)")
        #expect(stdout.stdout.hasPrefix("{\n  \"schemaVersion\": 1,"), "\(stdout.stdout)")
        #expect(fileType(stdoutPath) == .typeSymbolicLink)
        try await expectRefused(["json", "junit:\(stdoutPath)"], in: folder, message: "Only one report can go to stdout")
    }

    @Test func stdoutRedirectedToAFileIsWrittenNotReplaced() async throws {
        let folder = try workspace()
        let (_, stdoutPath) = try #require(deviceAndStdoutPaths(in: folder))
        let path = folder + "/captured.txt"
        try write(folder, "captured.txt", "")
        var before = stat()
        #expect(lstat(path, &before) == 0)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let process = try launch(["run", "--config", "p.yml", "--report", "json:\(stdoutPath)", "--report", "markdown:r.md"], in: folder, stdout: handle)
        await waitForExit(process)
        try handle.close()
        #expect(process.terminationStatus == 0)
        var after = stat()
        #expect(lstat(path, &after) == 0)
        #expect(after.st_ino == before.st_ino, "the file stdout points to is not replaced")
        let text = text(path) ?? ""
        #expect(text.hasPrefix("{\n  \"schemaVersion\": 1,"), "\(text)")
        #expect(text.components(separatedBy: "\"schemaVersion\"").count == 2, "one report, written once")
        #expect(fileType(stdoutPath) == .typeSymbolicLink)
    }
}
