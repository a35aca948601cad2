// Long-lived children (issue 10, items 3 and 5): lines in and out under deadlines, and every way a
// child can misbehave ending in a typed error within bounded time, never a hang.
@testable import ChildProcess
import Foundation
import Testing

extension ChildProcessTests {
    @Suite struct Running {
        /// A generous deadline for what must succeed (the machine may be busy), a short one for what must not.
        static let patience: Duration = .seconds(60)

        func lines(_ script: String, _ arguments: String..., limit: Int = 1 << 16, timeout: Duration = .seconds(120),
                   killGrace: Duration = .seconds(2)) throws -> RunningChild {
            var process = shell(script, timeout: timeout, killGrace: killGrace)
            process.arguments += arguments
            return try process.start(stdout: .lines(limit: limit))
        }

        @Test func oneProcessAnswersLineAfterLineInOrder() async throws {
            let child = try lines(#"while read -r line; do echo "got $line"; done"#)
            let (result, _) = await onOwnThread { () throws(ChildProcess.StreamError) -> [String] in
                var answers: [String] = []
                for index in 0..<50 {
                    try child.write(Array("\(index)\n".utf8), deadline: .now + Self.patience)
                    answers.append(String(decoding: try child.readLine(deadline: .now + Self.patience), as: UTF8.self))
                }
                return answers
            }
            #expect(try result.get() == (0..<50).map { "got \($0)" })
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
            let (result, _) = await onOwnThread { () throws(ChildProcess.StreamError) -> [Int] in
                var seen = 0, wrong = 0
                let read = try child.exchange(input, lines: count, deadline: .now + Self.patience) { line in
                    if !line.elementsEqual(row.dropLast()) { wrong += 1 }
                    seen += 1
                    return true
                }
                return [read, seen, wrong]
            }
            #expect(try result.get() == [count, count, 0])
            _ = await child.stop()
        }

        @Test func childExitingMidExchangeIsOutputEndedWithItsStatus() async throws {
            let child = try lines("read -r one; echo first; exit 3")
            let (result, _) = await onOwnThread { () throws(ChildProcess.StreamError) -> [String] in
                var got: [String] = []
                _ = try child.exchange(Array("a\nb\nc\n".utf8), lines: 3, deadline: .now + Self.patience) {
                    got.append(String(decoding: $0, as: UTF8.self))
                    return true
                }
                return got
            }
            #expect(result.failure == .outputEnded(.exited(3)))
            #expect(await child.waitForEnding(until: .now + Self.patience)?.termination == .exited(3))
            #expect(!child.isRunning)
        }

        @Test func linesBeforeTheExitAreStillHandedOut() async throws {
            let child = try lines("read -r one; echo first; echo second; exit 0")
            let (result, _) = await onOwnThread { () throws(ChildProcess.StreamError) -> [String] in
                var got: [String] = []
                _ = try child.exchange(Array("a\n".utf8), lines: 2, deadline: .now + Self.patience) {
                    got.append(String(decoding: $0, as: UTF8.self))
                    return true
                }
                return got
            }
            #expect(try result.get() == ["first", "second"])
        }

        @Test func childClosingStdoutWhileRunningIsOutputEndedWithoutStatus() async throws {
            let child = try lines("exec 1>&-; sleep 30")
            let (result, _) = await onOwnThread { () throws(ChildProcess.StreamError) in try child.readLine(deadline: .now + Self.patience) }
            #expect(result.failure == .outputEnded(nil))
            _ = await child.stop()
        }

        @Test func lineLongerThanTheLimitIsRefusedWithoutReadingItAll() async throws {
            // 10 MiB without a newline: refused once past the 1000-byte limit, not buffered whole.
            let child = try lines("head -c 10485760 /dev/zero | tr '\\0' x; echo; sleep 30", limit: 1000)
            let (result, _) = await onOwnThread { () throws(ChildProcess.StreamError) in try child.readLine(deadline: .now + Self.patience) }
            #expect(result.failure == .lineTooLong(limit: 1000))
            _ = await child.stop()
        }

        @Test func garbageWithoutNewlineThenExitIsOutputEnded() async throws {
            let child = try lines("printf 'half a line'; exit 0")
            let (result, _) = await onOwnThread { () throws(ChildProcess.StreamError) in try child.readLine(deadline: .now + Self.patience) }
            #expect(result.failure == .outputEnded(.exited(0)))
        }

        @Test func childThatNeverAnswersTimesOutAtTheDeadline() async throws {
            let child = try lines("sleep 30")
            let (result, took) = await onOwnThread { () throws(ChildProcess.StreamError) in try child.readLine(deadline: .now + .milliseconds(300)) }
            #expect(result.failure == .timedOut(.line))
            #expect(took >= .milliseconds(300) && took < .seconds(5), "\(took)")
            _ = await child.stop()
        }

        @Test func childThatDoesNotReadItsInputTimesOutInsteadOfBlockingTheWriter() async throws {
            let child = try lines("sleep 30")
            let megabyte = [UInt8](repeating: 10, count: 1 << 20)
            let (result, took) = await onOwnThread { () throws(ChildProcess.StreamError) in
                _ = try child.exchange(megabyte, lines: 1, deadline: .now + .milliseconds(300)) { _ in true }
            }
            #expect(result.failure == .timedOut(.inputTaken))
            #expect(took < .seconds(5), "\(took)")
            _ = await child.stop()
        }

        @Test func writingToAChildThatClosedItsStdinIsInputClosedNotSIGPIPE() async throws {
            let previous = signal(SIGPIPE, SIG_DFL)
            defer { signal(SIGPIPE, previous) }
            let child = try lines("exec 0<&-; echo ready; sleep 30")
            let (result, _) = await onOwnThread { () throws(ChildProcess.StreamError) in
                guard try child.readLine(deadline: .now + Self.patience) == Array("ready".utf8) else { return }
                try child.write([1, 2, 3], deadline: .now + Self.patience)
            }
            #expect(result.failure == .inputClosed(nil))
            _ = await child.stop()
        }

        @Test func closingItsInputGivesTheChildEndOfFile() async throws {
            let child = try lines("wc -c")
            let (result, _) = await onOwnThread { () throws(ChildProcess.StreamError) -> String in
                try child.write(Array("12345".utf8), deadline: .now + Self.patience)
                child.closeInput()
                return String(decoding: try child.readLine(deadline: .now + Self.patience), as: UTF8.self)
            }
            #expect(try result.get().trimmingCharacters(in: .whitespaces) == "5")
            let (late, _) = await onOwnThread { () throws(ChildProcess.StreamError) in try child.write([1], deadline: .now + Self.patience) }
            #expect(late.failure == .inputClosed(nil))
            #expect(await child.waitForEnding(until: .now + Self.patience)?.termination == .exited(0))
        }

        @Test func requestStopFromAnotherThreadEndsABlockedReadPromptly() async throws {
            let child = try lines(#"echo $$; exec sleep 30"#)
            let (first, _) = await onOwnThread { () throws(ChildProcess.StreamError) in try child.readLine(deadline: .now + Self.patience) }
            #expect(pid_t(String(decoding: try first.get(), as: UTF8.self)) == child.pid)
            // The stop comes from another thread while the read waits, or before it starts: both end in `.stopped`.
            Thread {
                Thread.sleep(forTimeInterval: 0.1)
                child.requestStop()
            }.start()
            let (blocked, took) = await onOwnThread { () throws(ChildProcess.StreamError) in try child.readLine(deadline: .now + .seconds(30)) }
            #expect(blocked.failure == .stopped)
            #expect(took < .seconds(5), "\(took)")
            let ending = await child.stop()
            #expect(ending.termination == .signaled(SIGTERM))
            #expect(!isRunning(child.pid))
            let (after, _) = await onOwnThread { () throws(ChildProcess.StreamError) in try child.readLine(deadline: .now + Self.patience) }
            #expect(after.failure == .stopped)
        }

        @Test func timeLimitStopsTheChildAndEndsCallsWithLifetimeEnded() async throws {
            let child = try lines("sleep 30", timeout: .milliseconds(300))
            let (result, _) = await onOwnThread { () throws(ChildProcess.StreamError) in try child.readLine(deadline: .now + Self.patience) }
            #expect(result.failure == .lifetimeEnded(.milliseconds(300)))
            let ending = try #require(await child.waitForEnding(until: .now + Self.patience))
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
            _ = await onOwnThread { () throws(ChildProcess.StreamError) in try child.write([65, 10], deadline: .now + Self.patience) }
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
