// Long-lived children (issue 10, items 3 and 5): lines in and out under deadlines, and every way a
// child can misbehave ending in a typed error within bounded time, never a hang.
@testable import ChildProcess
import Foundation
import Testing

extension ChildProcessTests {
    @Suite struct Running {
        /// A generous deadline for what must succeed (the machine may be busy), a short one for what must not.
        static let patience: Duration = .seconds(20)

        func lines(_ script: String, _ arguments: String..., limit: Int = 1 << 16, timeout: Duration = .seconds(60),
                   killGrace: Duration = .seconds(2)) throws -> RunningChild {
            var process = shell(script, timeout: timeout, killGrace: killGrace)
            process.arguments += arguments
            return try process.start(stdout: .lines(limit: limit))
        }

        func deadline(_ after: Duration = patience) -> ContinuousClock.Instant { .now + after }

        @Test func oneProcessAnswersLineAfterLineInOrder() async throws {
            let child = try lines(#"while read -r line; do echo "got $line"; done"#)
            for index in 0..<50 {
                try child.write(Array("\(index)\n".utf8), deadline: deadline())
                #expect(try child.readLine(deadline: deadline()) == Array("got \(index)".utf8))
            }
            #expect(child.isRunning)
            let ending = await child.stop()
            #expect(ending.stoppedByModelgate && ending.everyProcessStopped)
            #expect(!isRunning(child.pid))
        }

        @Test func exchangeLargerThanThePipeBufferDoesNotDeadlock() async throws {
            // 4 MiB in, 4 MiB out: neither fits a 64 KiB pipe, so writing all before reading would block for ever.
            let count = 40_000
            let row = Array(String(repeating: "r", count: 99).utf8) + [10]
            let input = Array(repeatElement(row, count: count).joined())
            let child = try lines("cat")
            var seen = 0, wrong = 0
            let read = try child.exchange(input, lines: count, deadline: deadline()) { line in
                if !line.elementsEqual(row.dropLast()) { wrong += 1 }
                seen += 1
                return true
            }
            #expect(read == count && seen == count && wrong == 0)
            _ = await child.stop()
        }

        @Test func childExitingMidExchangeIsOutputEndedWithItsStatus() async throws {
            let child = try lines("read -r one; echo first; exit 3")
            var got: [String] = []
            #expect(throws: ChildProcess.StreamError.outputEnded(.exited(3))) {
                _ = try child.exchange(Array("a\nb\nc\n".utf8), lines: 3, deadline: deadline()) { got.append(String(decoding: $0, as: UTF8.self)); return true }
            }
            #expect(got == ["first"])
            #expect(child.waitForEnding(until: deadline())?.termination == .exited(3))
            #expect(!child.isRunning)
        }

        @Test func childClosingStdoutWhileRunningIsOutputEndedWithoutStatus() async throws {
            let child = try lines("exec 1>&-; sleep 30")
            #expect(throws: ChildProcess.StreamError.outputEnded(nil)) { _ = try child.readLine(deadline: deadline()) }
            _ = await child.stop()
        }

        @Test func lineLongerThanTheLimitIsRefusedWithoutReadingItAll() async throws {
            // 10 MiB without a newline: refused once past the 1000-byte limit, not buffered whole.
            let child = try lines("head -c 10485760 /dev/zero | tr '\\0' x; echo; sleep 30", limit: 1000)
            #expect(throws: ChildProcess.StreamError.lineTooLong(limit: 1000)) { _ = try child.readLine(deadline: deadline()) }
            _ = await child.stop()
        }

        @Test func garbageWithoutNewlineThenExitIsOutputEnded() async throws {
            let child = try lines("printf 'half a line'; exit 0")
            #expect(throws: ChildProcess.StreamError.outputEnded(.exited(0))) { _ = try child.readLine(deadline: deadline()) }
        }

        @Test func childThatNeverAnswersTimesOutAtTheDeadline() async throws {
            let child = try lines("sleep 30")
            let started = ContinuousClock.now
            #expect(throws: ChildProcess.StreamError.timedOut(.line)) { _ = try child.readLine(deadline: .now + .milliseconds(300)) }
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            #expect(ContinuousClock.now - started < .seconds(5))
            _ = await child.stop()
        }

        @Test func childThatDoesNotReadItsInputTimesOutInsteadOfBlockingTheWriter() async throws {
            let child = try lines("sleep 30")
            let started = ContinuousClock.now
            let megabyte = [UInt8](repeating: 10, count: 1 << 20)
            #expect(throws: ChildProcess.StreamError.timedOut(.inputTaken)) {
                _ = try child.exchange(megabyte, lines: 1, deadline: .now + .milliseconds(300)) { _ in true }
            }
            #expect(ContinuousClock.now - started < .seconds(5))
            _ = await child.stop()
        }

        @Test func writingToAChildThatClosedItsStdinIsInputClosedNotSIGPIPE() async throws {
            let previous = signal(SIGPIPE, SIG_DFL)
            defer { signal(SIGPIPE, previous) }
            let child = try lines("exec 0<&-; echo ready; sleep 30")
            #expect(try child.readLine(deadline: deadline()) == Array("ready".utf8))
            #expect(throws: ChildProcess.StreamError.inputClosed(nil)) { try child.write([1, 2, 3], deadline: deadline()) }
            _ = await child.stop()
        }

        @Test func closingItsInputGivesTheChildEndOfFile() async throws {
            let child = try lines("wc -c")
            try child.write(Array("12345".utf8), deadline: deadline())
            child.closeInput()
            #expect(String(decoding: try child.readLine(deadline: deadline()), as: UTF8.self).trimmingCharacters(in: .whitespaces) == "5")
            #expect(throws: ChildProcess.StreamError.inputClosed(nil)) { try child.write([1], deadline: deadline()) }
            #expect(child.waitForEnding(until: deadline())?.termination == .exited(0))
        }

        @Test func requestStopFromAnotherThreadEndsABlockedReadPromptly() async throws {
            let child = try lines(#"echo $$; exec sleep 30"#)
            let pid = try #require(pid_t(String(decoding: child.readLine(deadline: deadline()), as: UTF8.self)))
            #expect(pid == child.pid)
            let reader = Task.detached { () -> ChildProcess.StreamError? in
                do throws(ChildProcess.StreamError) {
                    _ = try child.readLine(deadline: .now + .seconds(30))
                    return nil
                } catch { return error }
            }
            try await Task.sleep(for: .milliseconds(100))  // Not needed for correctness: a stop before the read is also .stopped.
            let stoppedAt = ContinuousClock.now
            child.requestStop()
            #expect(await reader.value == .stopped)
            let ending = await child.stop()
            #expect(ContinuousClock.now - stoppedAt < .seconds(3))
            #expect(ending.termination == .signaled(SIGTERM))
            #expect(!isRunning(pid))
            #expect(throws: ChildProcess.StreamError.stopped) { _ = try child.readLine(deadline: deadline()) }
        }

        @Test func timeLimitStopsTheChildAndEndsCallsWithLifetimeEnded() async throws {
            let child = try lines("sleep 30", timeout: .milliseconds(300))
            #expect(throws: ChildProcess.StreamError.lifetimeEnded(.milliseconds(300))) { _ = try child.readLine(deadline: deadline()) }
            let ending = try #require(child.waitForEnding(until: deadline()))
            #expect(ending.outlivedTimeLimit && ending.stoppedByModelgate)
        }

        @Test func stopIsSafeTwiceAtOnceAndAfterTheEnd() async throws {
            let child = try lines("exec sleep 30")
            async let first = child.stop()
            async let second = child.stop()
            let (a, b) = await (first, second)
            #expect(a == b)
            #expect(await child.stop() == a)
            #expect(child.stopOnThisThread() == a)
            #expect(!child.isRunning)
        }

        #if os(Linux)
        @Test func stopClosesEveryPipe() async throws {
            let before = try openPipes()
            let child = try lines("cat")
            try child.write([65, 10], deadline: deadline())
            _ = await child.stop()
            let captured = try shell("echo out; echo err >&2; sleep 30").start(stdout: .captured)
            _ = await captured.stop()
            // Other suites' children open and close pipes meanwhile; a pipe these leaked would stay.
            let end = ContinuousClock.now + .seconds(3)
            var added = try openPipes().subtracting(before)
            while !added.isEmpty, ContinuousClock.now < end {
                try await Task.sleep(for: .milliseconds(50))
                added = try openPipes().subtracting(before)
            }
            #expect(added.isEmpty, "pipes left open: \(added)")
        }
        #endif
    }
}
