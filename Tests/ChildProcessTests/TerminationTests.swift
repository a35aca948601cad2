// Ending children: timeouts, escalation to SIGKILL, whole process groups, cancellation, shutdown.
@testable import ChildProcess
import Foundation
import Testing

extension ChildProcessTests {
    @Suite struct Termination {
        @Test func timeoutEndsTheChildWithSIGTERMSoonAfterTheDeadline() async throws {
            let outcome = try await shell("sleep 30", timeout: .milliseconds(300), killGrace: .seconds(2)).run()
            #expect(outcome.timedOut)
            #expect(outcome.termination == .signaled(SIGTERM))
            #expect(outcome.duration >= .milliseconds(300))
            #expect(outcome.duration < .seconds(2))
            #expect(!outcome.succeeded)
        }

        @Test func childIgnoringSIGTERMIsKilledAfterTheGracePeriod() async throws {
            // `exec sleep` keeps the ignored SIGTERM in the process we wait for.
            let outcome = try await shell("trap '' TERM; exec sleep 30", timeout: .milliseconds(200), killGrace: .milliseconds(400)).run()
            #expect(outcome.timedOut)
            #expect(outcome.termination == .signaled(SIGKILL))
            #expect(outcome.duration >= .milliseconds(600))
            #expect(outcome.duration < .seconds(3))
        }

        @Test func timeoutAlsoKillsWhatTheChildStartedInTheBackground() async throws {
            let pidFile = temporaryPath("grandchild")
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            let outcome = try await shell(#"sleep 30 & echo $! > "$1"; sleep 30"#, pidFile, timeout: .milliseconds(500)).run()
            #expect(outcome.timedOut)
            let grandchild = try await waitForPID(in: pidFile)
            #expect(try await becomesDead(grandchild), "background sleep \(grandchild) outlived the timeout")
        }

        @Test func timeoutSendsSIGTERMToTheWholeGroupNotJustTheChild() async throws {
            let pidFile = temporaryPath("group")
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            // The child ignores SIGTERM and lives until SIGKILL at 1.8 s; its background job does not
            // ignore it, so it must die soon after the 300 ms timeout, long before that SIGKILL.
            let script = #"sleep 30 & echo $! > "$1"; trap '' TERM; sleep 30"#
            let run = Task { try await shell(script, pidFile, timeout: .milliseconds(300), killGrace: .milliseconds(1500)).run() }
            let background = try await waitForPID(in: pidFile)
            #expect(try await becomesDead(background, within: .milliseconds(1000)))
            let outcome = try await run.value
            #expect(outcome.timedOut)
            #expect(outcome.termination == .signaled(SIGKILL))
        }

        @Test func processesLeftBehindByAFinishedChildAreKilled() async throws {
            let pidFile = temporaryPath("leftover")
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            // The leftover ignores SIGTERM and holds no pipe open: only the group SIGKILL can end it.
            let script = #"(trap '' TERM; exec sleep 30) >/dev/null 2>&1 & echo $! > "$1"; exit 0"#
            let outcome = try await shell(script, pidFile).run()
            #expect(outcome.succeeded)
            let leftover = try await waitForPID(in: pidFile)
            #expect(try await becomesDead(leftover), "leftover sleep \(leftover) outlived its parent")
        }

        @Test func leftoverProcessWritingWithoutPauseDoesNotKeepTheRunGoing() async throws {
            // `yes` floods the shared stdout pipe after the shell exits; it must be killed, not drained forever.
            let outcome = try await shell("yes & sleep 0.1; exit 0", stdoutLimit: 100).run()
            #expect(outcome.succeeded)
            #expect(outcome.stdoutTruncated)
            #expect(outcome.duration < .seconds(2))
        }

        @Test func cancellingTheTaskKillsTheChildPromptlyAndThrowsCancellation() async throws {
            let pidFile = temporaryPath("cancelled")
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            let task = Task { try await shell(#"echo $$ > "$1"; exec sleep 30"#, pidFile, timeout: .seconds(30)).run() }
            let child = try await waitForPID(in: pidFile)
            let cancelledAt = ContinuousClock.now
            task.cancel()
            await #expect(throws: CancellationError.self) { _ = try await task.value }
            #expect(ContinuousClock.now - cancelledAt < .seconds(1))
            #expect(!isRunning(child))
        }

        @Test func runInAlreadyCancelledTaskStartsNothing() async throws {
            let marker = temporaryPath("started")
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await shell(#"touch "$1""#, marker).run()
            }
            await #expect(throws: CancellationError.self) { _ = try await task.value }
            #expect(!FileManager.default.fileExists(atPath: marker))
        }

        // terminateAll() is process-wide: run here, it would kill the children of every other
        // suite running in parallel in this test process. CLITests.sigintStopsTheRun… checks it in
        // a process of its own: the real binary, SIGINT, and the plug-in's children gone after.

        @Test func childGetsDefaultSIGTERMEvenWhenModelgateIgnoresIt() async throws {
            // The CLI ignores SIGTERM to handle it on a dispatch source; ignoring is inherited across exec.
            let previous = signal(SIGTERM, SIG_IGN)
            defer { signal(SIGTERM, previous) }
            let outcome = try await shell("sleep 30", timeout: .milliseconds(200), killGrace: .seconds(5)).run()
            #expect(outcome.termination == .signaled(SIGTERM))
            #expect(outcome.duration < .seconds(2))
        }
    }
}
