import Foundation
import Testing

/// Issue 9 item 12: every requested file report is written whatever happens to stdout and
/// whichever signal arrives (SIGKILL aside), with verdict `error` when the run was stopped.
extension CLITests {
    static let fileReports = ["--report", "json:r.json", "--report", "junit:r.xml", "--report", "markdown:r.md"]

    func expectFileReports(_ folder: String, verdict: String, interrupted: String? = nil, _ note: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let json = text(folder + "/r.json") ?? ""
        #expect(json.contains("\"verdict\": \"\(verdict)\""), "\(note): \(json)", sourceLocation: sourceLocation)
        if let interrupted {
            #expect(json.contains("\"interrupted\": \"\(interrupted)\""), "\(note): \(json)", sourceLocation: sourceLocation)
        }
        #expect(text(folder + "/r.xml")?.contains("<property name=\"verdict\" value=\"\(verdict)\"/>") == true, "\(note)", sourceLocation: sourceLocation)
        #expect(text(folder + "/r.md")?.contains("**\(verdict)**") == true, "\(note)", sourceLocation: sourceLocation)
    }

    /// Runs the binary through /bin/sh, so a test can close or break its stdout as a shell would.
    func shell(_ script: String, in folder: String) async throws -> Int32 {
        try await blocking { try self.shellBlocking(script, in: folder) }
    }

    private func shellBlocking(_ script: String, in folder: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, try binary()]  // the binary is $0
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func aClosedStdoutCostsNoFileReportAndNoCrash() async throws {
        let folder = try workspace()
        for (options, expected) in [("", Int32(3)), ("--report json", 3), ("--quiet", 0)] {
            for name in ["r.json", "r.xml", "r.md"] { try? FileManager.default.removeItem(atPath: folder + "/" + name) }
            let status = try await shell("\"$0\" run --config p.yml \(options) --report json:r.json --report junit:r.xml --report markdown:r.md >&-", in: folder)
            #expect(status == expected, "\(options): the console report was asked for and could not be written")
            expectFileReports(folder, verdict: "pass", "stdout closed, \(options)")
        }
    }

    @Test func everyCommandSurvivesAClosedOrBrokenStdout() async throws {
        let folder = try workspace()
        for command in ["version", "--help", "gates", "gates accuracy", "validate --config p.yml", "config --config p.yml --json", "help run"] {
            for (inner, outer) in [(">&-", ""), ("2>&- >&-", ""), ("", "| true")] {
                try? FileManager.default.removeItem(atPath: folder + "/status")
                _ = try await shell("{ \"$0\" \(command) \(inner); echo $? > status; } \(outer)", in: folder)
                // 132 (SIGILL) and 133 (SIGTRAP) are how a Swift trap ends, 141 is SIGPIPE.
                let status = text(folder + "/status")?.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(status == "0", "modelgate \(command) \(inner)\(outer): exit \(status ?? "?")")
            }
        }
    }

    @Test func aStdoutPipeWhoseReaderHasGoneCostsNoFileReport() async throws {
        let folder = try workspace()
        // The gate takes a moment, so a reader like `true` is gone before modelgate writes.
        try write(folder, "slower.sh", "#!/bin/sh\ncat >/dev/null\nsleep 0.3\necho '{\"status\": \"pass\", \"evidence\": {\"rows\": 1}}'\n", executable: true)
        try write(folder, "slow-pass.yml", "version: 1\ncandidate: {name: m, version: '1'}\ngates:\n  - {id: g, type: custom, command: [./slower.sh]}\n")
        for reader in ["true", "head -c 1", "head -1"] {
            for name in ["r.json", "r.xml", "r.md", "status"] { try? FileManager.default.removeItem(atPath: folder + "/" + name) }
            _ = try await shell("{ \"$0\" run --config slow-pass.yml \(Self.fileReports.joined(separator: " ")); echo $? > status; } | \(reader)", in: folder)
            let status = text(folder + "/status")?.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(status != "141", "\(reader): killed by SIGPIPE")
            #expect(reader != "true" || status == "3", "\(reader): the console report was lost, which must not read as a pass")
            expectFileReports(folder, verdict: "pass", "stdout reader '\(reader)' gone")
        }
    }

    /// Starts the slow pipeline, waits for its gate to run, and sends `signals` `gap` apart.
    func stopWhileAGateRuns(_ signals: [Int32], gap: Double, in folder: String) async throws -> Int32 {
        try? FileManager.default.removeItem(atPath: folder + "/started")
        for name in ["r.json", "r.xml", "r.md"] { try? FileManager.default.removeItem(atPath: folder + "/" + name) }
        let process = try launch(["run", "--config", "slow.yml"] + Self.fileReports, in: folder)
        #expect(await waitUntil { FileManager.default.fileExists(atPath: folder + "/started") })
        for (index, number) in signals.enumerated() {
            if index > 0 { try await Task.sleep(for: .seconds(gap)) }
            kill(process.processIdentifier, number)
        }
        await waitForExit(process)
        return process.terminationStatus
    }

    @Test(arguments: [(SIGHUP, "SIGHUP"), (SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")])
    func eachStopSignalWritesEveryReportWithVerdictError(signal: Int32, name: String) async throws {
        let folder = try workspace()
        for _ in 0..<3 {
            let status = try await stopWhileAGateRuns([signal], gap: 0, in: folder)
            #expect(status == 3)
            expectFileReports(folder, verdict: "error", interrupted: name, name)
        }
    }

    @Test func aSecondSignalRightAfterTheFirstStillGetsEveryReportWritten() async throws {
        let folder = try workspace()
        // The gaps straddle the time the run takes to write its reports once interrupted.
        for gap in [0.0, 0.005, 0.01, 0.02, 0.04, 0.04, 0.08, 0.15] {
            let status = try await stopWhileAGateRuns([SIGINT, SIGTERM], gap: gap, in: folder)
            #expect(status == 3, "gap \(gap)")
            // Sent back to back, either may be handled first; the report names that one.
            let json = text(folder + "/r.json") ?? ""
            expectFileReports(folder, verdict: "error", interrupted: json.contains("\"interrupted\": \"SIGTERM\"") ? "SIGTERM" : "SIGINT",
                              "SIGINT then SIGTERM \(gap)s later")
        }
        let status = try await stopWhileAGateRuns([SIGTERM, SIGHUP, SIGINT], gap: 0.01, in: folder)
        #expect(status == 3)
        expectFileReports(folder, verdict: "error", "three signals")
        #expect(!(text(folder + "/r.json") ?? "").contains("placeholder"), "the run's own report, not the placeholder")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd")), arguments: [SIGTERM, SIGHUP])
    func aSignalWhileArtifactsAreHashedWritesEveryReportWithVerdictError(signal: Int32) async throws {
        let folder = try workspace(artifact: "big.bin")
        try write(folder, "big.bin", "")
        truncate(folder + "/big.bin", 16 << 30)
        defer { unlink(folder + "/big.bin") }
        let process = try launch(["run", "--config", "p.yml"] + Self.fileReports, in: folder)
        #expect(await waitUntil { hasOpen(process.processIdentifier, "big.bin") })
        kill(process.processIdentifier, signal)
        #expect(await exits(process, within: 60), "hashing 16 GiB was stopped, not finished")
        #expect(process.terminationStatus == 3)
        expectFileReports(folder, verdict: "error", interrupted: signal == SIGTERM ? "SIGTERM" : "SIGHUP", "signal while hashing")
        #expect(!FileManager.default.fileExists(atPath: folder + "/started"), "no gate ran after the signal")
    }

    @Test func aRunStuckOnAFIFOWithNoReaderHasWrittenItsFilesAndASecondSignalEndsIt() async throws {
        let folder = try workspace()
        #expect(mkfifo(folder + "/nobody-reads", 0o600) == 0)
        let process = try launch(["run", "--config", "p.yml", "--report", "markdown:nobody-reads"] + Self.fileReports, in: folder)
        // Files come before FIFOs: every file report is final while the FIFO waits for a reader.
        #expect(await waitUntil { text(folder + "/r.json")?.contains("\"verdict\": \"pass\"") == true })
        expectFileReports(folder, verdict: "pass", "written before the FIFO")
        #expect(process.isRunning, "waiting for the FIFO's reader")
        kill(process.processIdentifier, SIGINT)
        try await Task.sleep(for: .seconds(0.1))
        kill(process.processIdentifier, SIGTERM)
        // The second signal leaves the run a grace of 3 s, then ends it.
        #expect(await exits(process, within: 30))
        #expect(process.terminationStatus == 3)
        expectFileReports(folder, verdict: "pass", "the finished reports stay as written")
    }
}
