// Starting programs and reporting how they ended.
@testable import ChildProcess
import Foundation
import Testing

/// All ChildProcess tests run one at a time: `terminateAll` kills every live child in the process,
/// so it must not run while another test has one.
@Suite(.serialized) struct ChildProcessTests {
    @Test func stdinIsDeliveredAndStdoutCaptured() async throws {
        let document = Array(#"{"protocol": 1, "gate": {"id": "g"}}"#.utf8)
        let outcome = try await ChildProcess(executable: "cat", timeout: .seconds(10)).run(stdin: document)
        #expect(outcome.stdout == document)
        #expect(outcome.succeeded)
        #expect(!outcome.stdoutTruncated && !outcome.stderrTruncated)
    }

    @Test(arguments: [0, 1, 3, 255] as [Int32])
    func exitStatusIsReported(code: Int32) async throws {
        let outcome = try await shell("exit \(code)").run()
        #expect(outcome.termination == .exited(code))
        #expect(outcome.succeeded == (code == 0))
        #expect(!outcome.timedOut)
    }

    @Test(arguments: [SIGKILL, SIGTERM, SIGSEGV])
    func terminatingSignalIsReported(signal: Int32) async throws {
        let outcome = try await shell("kill -\(signal) $$").run()
        #expect(outcome.termination == .signaled(signal))
        #expect(!outcome.succeeded && !outcome.timedOut)
    }

    @Test func argumentsArePassedVerbatim() async throws {
        let outcome = try await shell(#"printf '%s|' "$@""#, "a b", "", "$HOME", "'q'").run()
        #expect(outcome.stdoutText == "a b||$HOME|'q'|")
    }

    @Test func environmentReplacesOursWhenGiven() async throws {
        var process = shell(#"printf '%s/%s' "$GATE_TOKEN" "${HOME-unset}""#)
        process.environment = ["GATE_TOKEN": "t0"]
        #expect(try await process.run().stdoutText == "t0/unset")
    }

    @Test func environmentIsInheritedWhenNil() async throws {
        let path = try #require(ProcessInfo.processInfo.environment["PATH"])
        #expect(try await shell(#"printf %s "$PATH""#).run().stdoutText == path)
    }

    @Test func workingDirectoryIsWhereTheChildStarts() async throws {
        let directory = FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path
        var process = shell("pwd -P")
        process.workingDirectory = directory
        #expect(try await process.run().stdoutText == directory + "\n")
    }

    @Test func bareNameIsFoundOnPATH() throws {
        let path = try Launcher.resolve("sh")
        #expect(path.hasPrefix("/") && path.hasSuffix("/sh"))
    }

    @Test func missingProgramOnPATHIsALaunchErrorNamingIt() async {
        await #expect(throws: ChildProcess.LaunchError.notFound("modelgate-gate-no-such-plugin")) {
            _ = try await ChildProcess(executable: "modelgate-gate-no-such-plugin", timeout: .seconds(5)).run()
        }
        #expect(ChildProcess.LaunchError.notFound("modelgate-gate-x").description.contains("modelgate-gate-x"))
    }

    @Test func missingProgramPathIsALaunchErrorNamingIt() async {
        let path = temporaryPath("absent")
        await #expect(throws: ChildProcess.LaunchError.notFound(path)) {
            _ = try await ChildProcess(executable: path, timeout: .seconds(5)).run()
        }
    }

    @Test func fileWithoutExecutePermissionIsALaunchError() async throws {
        let path = temporaryPath("plain")
        try Data("#!/bin/sh\necho hi\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        await #expect(throws: ChildProcess.LaunchError.notExecutable(path)) {
            _ = try await ChildProcess(executable: path, timeout: .seconds(5)).run()
        }
    }

    @Test func missingWorkingDirectoryIsALaunchError() async {
        var process = shell("true")
        process.workingDirectory = temporaryPath("nowhere")
        await #expect(throws: ChildProcess.LaunchError.badWorkingDirectory(process.workingDirectory!)) {
            _ = try await process.run()
        }
    }

    @Test func fileThatIsNotAProgramIsASpawnErrorNamingIt() async throws {
        let path = temporaryPath("no-shebang")
        try Data("echo no interpreter line\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        chmod(path, 0o755)
        await #expect(throws: ChildProcess.LaunchError.spawnFailed(path, code: ENOEXEC)) {
            _ = try await ChildProcess(executable: path, timeout: .seconds(5)).run()
        }
    }

    #if os(Linux)
    @Test func runsCloseAllTheirPipesHoweverTheyEnd() async throws {
        let before = try openPipes()
        _ = try await shell("echo out; echo err >&2").run(stdin: [1, 2, 3])
        _ = try await shell("sleep 30", timeout: .milliseconds(50)).run()
        let notAProgram = temporaryPath("not-a-program")
        try Data("no interpreter line\n".utf8).write(to: URL(fileURLWithPath: notAProgram))
        defer { try? FileManager.default.removeItem(atPath: notAProgram) }
        chmod(notAProgram, 0o755)
        _ = try? await ChildProcess(executable: notAProgram, timeout: .seconds(5)).run()
        // Other suites run child processes meanwhile, with pipes of their own that close as they
        // end; a pipe these runs leaked would stay open.
        let deadline = ContinuousClock.now + .seconds(3)
        var added = try openPipes().subtracting(before)
        while !added.isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            added = try openPipes().subtracting(before)
        }
        #expect(added.isEmpty, "pipes left open: \(added)")
    }

    @Test func childInheritsNoDescriptorBeyondStandardStreams() async throws {
        // Opened without O_CLOEXEC on purpose: the kind of descriptor other code could leave around.
        let leaky = open("/dev/null", O_RDONLY)
        try #require(leaky >= 3)
        defer { close(leaky) }
        // "; true" keeps sh from exec-ing ls in its place, so $$ stays the shell.
        let outcome = try await shell(#"ls /proc/$$/fd; true"#).run()
        let descriptors = outcome.stdoutText.split(separator: "\n").compactMap { Int32($0) }
        #expect(Set(descriptors) == [0, 1, 2], "child saw descriptors \(descriptors)")
    }
    #endif
}
