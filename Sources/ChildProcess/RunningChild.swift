// A program that keeps running while modelgate talks to it: a persistent predictor reading and
// answering lines, or a model server the latency gate loads (issue 10, items 3 and 5).

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A started, long-lived child (`ChildProcess.start`): in a session and process group of its own
/// like every child, registered so that `ChildProcess.terminateAll()` kills it, watched by a thread
/// of its own that keeps its stderr (and stdout, unless read as lines), notices its exit, and stops
/// it at its time limit (`ChildProcess.timeout`, counted from the start) if nothing stopped it before.
///
/// Talking to it: `write`, `readLine` and `exchange` block the calling thread until done, a
/// deadline, the child's end, or `requestStop()` from any thread; none waits without end. One
/// writer and one reader may work at the same time (`exchange` is both); further calls wait their turn.
///
/// Ending it: `stop()` sends SIGTERM to its process group, SIGKILL after `killGrace`, and returns
/// once it is reaped and all it started is confirmed stopped (as `ChildProcess.run` does). Safe to
/// call at any time, from any thread, more than once. Dropping the last reference requests a stop too.
public final class RunningChild: Sendable {
    // Why Sendable: every stored property is a constant of a Sendable type; mutable state sits in
    // `Locked` values.

    /// How a long-lived child ended.
    public struct Ending: Sendable, Equatable {
        public var termination: ChildProcess.Outcome.Termination
        /// Every process it started was confirmed gone (on Linux all its descendants; on macOS its
        /// process group), as in `ChildProcess.Outcome`.
        public var everyProcessStopped: Bool
        /// modelgate began stopping it (`stop()`, or its time limit); false when it exited by itself.
        public var stoppedByModelgate: Bool
        /// Its time limit ran out and modelgate stopped it.
        public var outlivedTimeLimit: Bool
    }

    /// What it printed that was kept: stderr always, stdout when captured rather than read as lines.
    /// Each keeps its first and last halves of its limit (`ChildProcess.stdoutLimit`, `stderrLimit`).
    public struct RecentOutput: Sendable, Equatable {
        public var stdout: [UInt8]
        public var stdoutTruncated: Bool
        public var stderr: [UInt8]
        public var stderrTruncated: Bool
    }

    /// Its pid, which is also its process group and session id.
    public let pid: pid_t
    /// The program, as `ChildProcess.executable` named it.
    public let executable: String
    /// Its time limit from its start (`ChildProcess.timeout`).
    public let timeLimit: Duration
    let life: Locked<ChildLife>
    let stopSignal: StopSignal
    /// The writer's side: our end of its stdin (-1 once closed).
    let input: Locked<Int32>
    /// The reader's side, when stdout is read as lines (its `fd` is -1 when captured, or closed).
    let output: Locked<LineReader>

    init(pid: pid_t, executable: String, timeLimit: Duration, life: Locked<ChildLife>, stopSignal: StopSignal, stdin: Int32, lines: LineReader) {
        self.pid = pid
        self.executable = executable
        self.timeLimit = timeLimit
        self.life = life
        self.stopSignal = stopSignal
        input = Locked(stdin)
        output = Locked(lines)
    }

    deinit {
        requestStop()
        input.withLock { if $0 >= 0 { close($0) } }
        output.withLock { if $0.fd >= 0 { close($0.fd) } }
        // The stop signal closes when its watching thread, the other holder, lets go of it.
    }

    /// Running until the watching thread sees it exit (within about 50 ms of its exit).
    public var isRunning: Bool { life.withLock { !$0.leaderExited } }

    /// How it ended, once it is reaped; nil while it runs or is being stopped.
    public var ending: Ending? { life.withLock { $0.ending } }

    public var recentOutput: RecentOutput {
        life.withLock {
            RecentOutput(stdout: $0.stdout.bytes, stdoutTruncated: $0.stdout.truncated,
                         stderr: $0.stderr.bytes, stderrTruncated: $0.stderr.truncated)
        }
    }

    /// Closes its stdin, so it reads end of file (a server that must not wait on input, a program
    /// told there is no more); later writes throw `.inputClosed(nil)`. Waits for a write in progress.
    public func closeInput() {
        input.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }

    /// Begins stopping it (SIGTERM to its group, SIGKILL after the grace) and returns at once: for
    /// task cancellation handlers and signal handling. Calls blocked on its pipes end with `.stopped`.
    public func requestStop() {
        life.withLock { life in
            if life.stopReason == nil, life.ending == nil { life.stopReason = .requested }
        }
        stopSignal.raise()
    }

    /// Stops it, if it still runs, and returns how it ended once it is reaped and everything it
    /// started is confirmed stopped (at most about `killGrace` twice, plus the search for descendants).
    public func stop() async -> Ending {
        requestStop()
        let ending = await withCheckedContinuation { (continuation: CheckedContinuation<Ending, Never>) in
            whenEnded { continuation.resume(returning: $0) }
        }
        closePipes()
        return ending
    }

    /// `stop()` for synchronous code: blocks the calling thread until the child is reaped.
    public func stopOnThisThread() -> Ending {
        requestStop()
        let ending = waitForEndingOnThisThread(until: nil)!
        closePipes()
        return ending
    }

    /// Waits until the child has ended by itself or `deadline` passes; requests nothing. Nil at
    /// the deadline. (For a managed server: did it die while modelgate waited for it to get ready?)
    public func waitForEnding(until deadline: ContinuousClock.Instant) async -> Ending? {
        let once = Locked<CheckedContinuation<Ending?, Never>?>(nil)
        let resume = { @Sendable (ending: Ending?) in
            once.withLock { continuation in
                continuation?.resume(returning: ending)
                continuation = nil
            }
        }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Ending?, Never>) in
            once.withLock { $0 = continuation }
            let waiter = whenEnded { resume($0) }
            guard let waiter else { return }
            let left = ContinuousClock.now.duration(to: deadline)
            DispatchQueue.global().asyncAfter(deadline: .now() + (left > .zero ? left.timeInterval : .nanoseconds(0))) { [life] in
                life.withLock { _ = $0.waiters.removeValue(forKey: waiter) }
                resume(nil)
            }
        }
    }

    /// `waitForEnding` for synchronous code: blocks the calling thread (nil `deadline`: no deadline).
    public func waitForEndingOnThisThread(until deadline: ContinuousClock.Instant?) -> Ending? {
        let ended = DispatchSemaphore(value: 0)
        let result = Locked<Ending?>(nil)
        let waiter = whenEnded { ending in
            result.withLock { $0 = ending }
            ended.signal()
        }
        if let deadline {
            let left = ContinuousClock.now.duration(to: deadline)
            if ended.wait(timeout: .now() + (left > .zero ? left.timeInterval : .nanoseconds(0))) == .timedOut, let waiter {
                life.withLock { _ = $0.waiters.removeValue(forKey: waiter) }
            }
        } else {
            ended.wait()
        }
        return result.withLock { $0 }
    }

    /// Runs `body` once the child has ended: now, if it has (then returns nil), else later (then
    /// returns the number to take it off the list with).
    @discardableResult
    private func whenEnded(_ body: @escaping @Sendable (Ending) -> Void) -> Int? {
        let (ended, number) = life.withLock { life -> (Ending?, Int?) in
            guard life.ending == nil else { return (life.ending, nil) }
            life.nextWaiter += 1
            life.waiters[life.nextWaiter] = body
            return (nil, life.nextWaiter)
        }
        if let ended { body(ended) }
        return number
    }

    /// Once it has ended, our pipe ends go too; waits for a call still on them to notice the end.
    /// Calls made later find them closed and throw `.stopped` before polling anything.
    private func closePipes() {
        input.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
        output.withLock { reader in
            if reader.fd >= 0 { close(reader.fd) }
            reader.fd = -1
        }
        stopSignal.close()
    }
}

extension Duration {
    /// For Dispatch's timeouts.
    var timeInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        return .nanoseconds(Int(min(Double(seconds) * 1e9 + Double(attoseconds) / 1e9, Double(Int.max / 2))))
    }
}
