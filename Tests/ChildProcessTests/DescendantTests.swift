// Nothing a child started outlives its work: processes that left its group or session, double
// forks, processes ignoring SIGTERM, at exit, at the timeout and at cancellation (issue 9, item 19).
@testable import ChildProcess
import Foundation
import Testing

#if os(Linux)
extension ChildProcessTests {
    @Suite struct Descendants {
        /// A grandchild that called setsid: out of the child's group and session, still its descendant.
        /// Its pid is written once it has left (its session id, field 6 of its stat, is its own pid),
        /// so no test races the escape.
        static let escape = #"setsid sleep 30 & p=$!; until [ "$(cut -d' ' -f6 /proc/$p/stat)" = $p ]; do sleep 0.01; done; echo $p > "$1""#

        @Test func processThatLeftTheSessionIsKilledWhenTheChildExits() async throws {
            let pidFile = temporaryPath("escaped")
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            let outcome = try await shell(Self.escape + "; exit 0", pidFile).run()
            let escaped = try await waitForPID(in: pidFile)
            defer { kill(escaped, SIGKILL) }
            #expect(outcome.succeeded)
            #expect(outcome.everyProcessStopped)
            #expect(!isRunning(escaped), "setsid sleep \(escaped) outlived the child")
            #expect(outcome.duration < .seconds(2), "the escaped process held the stdout pipe open")
            #expect(try await adoptedZombiesAreReaped(), "orphans adopted by the test process were not reaped")
        }

        @Test func doubleForkedDaemonIsKilledWhenTheChildExits() async throws {
            let pidFile = temporaryPath("daemon")
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            // The middle shell exits at once, orphaning the daemon, which leaves the session too.
            let script = #"sh -c 'setsid sleep 30 & echo $! > "$1"' sh "$1" & wait; sleep 0.1; exit 0"#
            let outcome = try await shell(script, pidFile).run()
            let daemon = try await waitForPID(in: pidFile)
            defer { kill(daemon, SIGKILL) }
            #expect(outcome.succeeded)
            #expect(outcome.everyProcessStopped)
            #expect(!isRunning(daemon), "double-forked sleep \(daemon) outlived the child")
            #expect(try await adoptedZombiesAreReaped())
        }

        @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash"), "needs bash for job control without a terminal"))
        func processThatLeftTheGroupButNotTheSessionIsKilled() async throws {
            let pidFile = temporaryPath("regrouped")
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            // Job control (bash's set -m) puts the background job in a process group of its own.
            let script = #"set -m; sleep 30 & echo $! > "$1"; [ "$(cut -d' ' -f5 /proc/$!/stat)" != $$ ] && echo regrouped; exit 0"#
            let bash = ChildProcess(executable: "/bin/bash", arguments: ["-c", script, "bash", pidFile], timeout: .seconds(10))
            let outcome = try await bash.run()
            let regrouped = try await waitForPID(in: pidFile)
            defer { kill(regrouped, SIGKILL) }
            #expect(outcome.stdoutText == "regrouped\n")
            #expect(outcome.everyProcessStopped)
            #expect(!isRunning(regrouped), "sleep \(regrouped) in a group of its own outlived the child")
        }

        @Test func timeoutKillsTheChildAndWhatLeftItsSession() async throws {
            let pidFile = temporaryPath("escaped-timeout")
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            let outcome = try await shell(Self.escape + "; exec sleep 30", pidFile, timeout: .milliseconds(300)).run()
            let escaped = try await waitForPID(in: pidFile)
            defer { kill(escaped, SIGKILL) }
            #expect(outcome.timedOut)
            #expect(outcome.everyProcessStopped)
            #expect(!isRunning(escaped))
            #expect(outcome.duration < .seconds(2))
        }

        @Test func childAndGrandchildIgnoringSIGTERMAreGoneAfterTheGraceBeforeTheRunReturns() async throws {
            let pidFile = temporaryPath("stubborn")
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            // Both ignore SIGTERM; the grandchild is in a session of its own as well.
            let script = #"trap '' TERM; setsid sh -c "trap '' TERM; exec sleep 30" & echo $! > "$1"; exec sleep 30"#
            let outcome = try await shell(script, pidFile, timeout: .milliseconds(200), killGrace: .milliseconds(300)).run()
            let grandchild = try await waitForPID(in: pidFile)
            defer { kill(grandchild, SIGKILL) }
            #expect(outcome.timedOut)
            #expect(outcome.termination == .signaled(SIGKILL))
            #expect(outcome.duration >= .milliseconds(500), "SIGKILL came only after the grace")
            // Checked at once: `run` returns only after confirming, not some time later.
            #expect(!isRunning(grandchild))
            #expect(outcome.everyProcessStopped)
        }

        @Test func cancellationKillsTheChildAndWhatLeftItsSession() async throws {
            let pidFile = temporaryPath("escaped-cancel")
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            let task = Task { try await shell(Self.escape + "; exec sleep 30", pidFile, timeout: .seconds(30)).run() }
            let escaped = try await waitForPID(in: pidFile)
            defer { kill(escaped, SIGKILL) }
            task.cancel()
            await #expect(throws: CancellationError.self) { _ = try await task.value }
            #expect(!isRunning(escaped))
        }

        @Test func processesOfOtherCodeInOurSessionAreLeftAlone() async throws {
            // A child that Foundation's Process started (as CLI tests do) stays in our session: it is
            // not an orphan of ours, however many ChildProcess runs end meanwhile.
            let other = Process()
            other.executableURL = URL(fileURLWithPath: "/bin/sleep")
            other.arguments = ["5"]
            try other.run()
            defer { kill(other.processIdentifier, SIGKILL); other.waitUntilExit() }
            _ = try await shell(Self.escape + "; exit 0", temporaryPath("unused")).run()
            #expect(other.isRunning)
        }

        /// Whether no zombie is left whose parent is this test process and whose session is not ours:
        /// orphans of children's trees, adopted (the process is a subreaper). Other suites' runs may
        /// be between killing and reaping one of theirs, so this waits up to a second for them.
        func adoptedZombiesAreReaped() async throws -> Bool {
            let me = getpid(), mySession = getsid(0)
            for _ in 0..<100 {
                if !ProcessTable().entries.contains(where: { $0.parent == me && $0.session != mySession && $0.exited }) { return true }
                try await Task.sleep(for: .milliseconds(10))
            }
            return false
        }
    }
}
#endif
