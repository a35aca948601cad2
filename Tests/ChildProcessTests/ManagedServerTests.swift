// A long-lived child nobody reads lines from, as the latency gate's managed server runs (issue 10,
// item 3): its last output kept for the error when it dies or never gets ready, and its whole
// process group stopped whatever happens.
@testable import ChildProcess
import Foundation
import Testing

extension ChildProcessTests {
    @Suite struct ManagedServer {
        @Test func serverThatExitsLeavesItsStatusAndLastOutput() async throws {
            let script = "echo listening on 8080; echo 'Traceback: port in use' >&2; exit 4"
            let server = try shell(script).start(stdout: .captured)
            let ending = try #require(await server.waitForEnding(until: .now + .seconds(20)))
            #expect(ending.termination == .exited(4))
            #expect(!ending.stoppedByModelgate)
            #expect(!server.isRunning)
            let output = server.recentOutput
            #expect(String(decoding: output.stdout, as: UTF8.self) == "listening on 8080\n")
            #expect(String(decoding: output.stderr, as: UTF8.self) == "Traceback: port in use\n")
        }

        @Test func outputKeepsItsStartAndEndWithinTheLimit() async throws {
            let script = "{ printf START; head -c 100000 /dev/zero | tr '\\0' x; printf END; } >&2; exit 1"
            let server = try shell(script, stderrLimit: 1000).start(stdout: .captured)
            _ = await server.waitForEnding(until: .now + .seconds(20))
            let output = server.recentOutput
            let text = String(decoding: output.stderr, as: UTF8.self)
            #expect(output.stderrTruncated)
            #expect(text.hasPrefix("START") && text.hasSuffix("END") && text.contains("bytes omitted"))
        }

        @Test func serverThatNeverStopsPrintingDoesNotBlockOrGrowMemory() async throws {
            // `yes` writes without pause: the watching thread drains it into the bounded capture.
            let server = try shell("yes", stdoutLimit: 4096).start(stdout: .captured)
            try await Task.sleep(for: .milliseconds(200))
            #expect(server.isRunning)
            let output = server.recentOutput
            #expect(output.stdoutTruncated && output.stdout.count < 4200)
            _ = await server.stop()
        }

        @Test func stopKillsAServerThatIgnoresSIGTERMAfterTheGrace() async throws {
            let server = try shell("trap '' TERM; echo ready; exec sleep 30", killGrace: .milliseconds(300)).start(stdout: .lines(limit: 100))
            let (ready, _) = await onOwnThread { () throws(ChildProcess.StreamError) in try server.readLine(deadline: .now + .seconds(60)) }
            #expect(try ready.get() == Array("ready".utf8))
            let started = ContinuousClock.now
            let ending = await server.stop()
            #expect(ending.termination == .signaled(SIGKILL))
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            #expect(ending.everyProcessStopped)
            #expect(!isRunning(server.pid))
        }

        @Test func stopEndsEveryProcessInTheGroup() async throws {
            let pidFile = temporaryPath("server-worker")
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            // A worker that ignores SIGTERM, like a server's worker pool might.
            let script = #"(trap '' TERM; exec sleep 30) & echo $! > "$1"; exec sleep 30"#
            let server = try shell(script, pidFile, killGrace: .milliseconds(300)).start(stdout: .captured)
            let worker = try await waitForPID(in: pidFile)
            defer { kill(worker, SIGKILL) }
            let ending = await server.stop()
            #expect(ending.everyProcessStopped)
            // Checked at once: `stop` returns only once the group is confirmed gone.
            #expect(!isRunning(worker))
            #expect(kill(-server.pid, 0) == -1 && errno == ESRCH, "the process group still has members")
        }

        #if os(Linux)
        @Test func stopEndsAProcessThatLeftTheSession() async throws {
            let pidFile = temporaryPath("server-escaped")
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            let server = try shell(Descendants.escape + "; exec sleep 30", pidFile).start(stdout: .captured)
            let escaped = try await waitForPID(in: pidFile)
            defer { kill(escaped, SIGKILL) }
            let ending = await server.stop()
            #expect(ending.everyProcessStopped)
            #expect(!isRunning(escaped))
        }
        #endif

        @Test func programThatCannotStartIsALaunchError() {
            let path = temporaryPath("no-server")
            #expect(throws: ChildProcess.LaunchError.notFound(path)) {
                _ = try ChildProcess(executable: path, timeout: .seconds(5)).start(stdout: .captured)
            }
        }
    }
}

extension ChildProcessTests.ManagedServer {
    @Test func waitingForTheEndOfAServerThatRunsOnGivesNilAtTheDeadline() async throws {
        let server = try shell("exec sleep 30").start(stdout: .captured)
        let started = ContinuousClock.now
        #expect(await server.waitForEnding(until: .now + .milliseconds(200)) == nil)
        #expect(ContinuousClock.now - started >= .milliseconds(200))
        #expect(server.isRunning)
        let ending = await server.stop()
        #expect(await server.waitForEnding(until: .now + .seconds(60)) == ending)
    }
}
