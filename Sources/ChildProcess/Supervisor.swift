// Watching one child on a thread of its own: feed stdin and read stdout/stderr at the same time
// (so a child that writes before it reads cannot deadlock us), enforce the timeout, kill the group,
// reap. One poll() loop; it wakes at least every 50 ms to notice exit, cancellation and deadlines.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

struct Supervisor {
    struct Result: Sendable {
        var outcome: ChildProcess.Outcome
        var cancelled: Bool
    }

    private let pid: pid_t
    private var leader: GroupLeader { GroupLeader(pid: pid) }
    private var stdinFD: Int32
    private var stdoutFD: Int32
    private var stderrFD: Int32
    private let input: [UInt8]
    private var written = 0
    private var stdout: Capture
    private var stderr: Capture
    private let timeout: Duration
    private let grace: Duration
    private let cancellation: CancellationFlag
    private let clock = ContinuousClock()

    init(child: LaunchedChild, input: [UInt8], process: ChildProcess, cancellation: CancellationFlag) {
        pid = child.pid
        (stdinFD, stdoutFD, stderrFD) = (child.stdin, child.stdout, child.stderr)
        self.input = input
        stdout = Capture(limit: process.stdoutLimit, keepingTail: false)
        stderr = Capture(limit: process.stderrLimit, keepingTail: true)
        timeout = process.timeout
        grace = process.killGrace
        self.cancellation = cancellation
    }

    mutating func run() -> Result {
        BrokenPipe.blockOnThisThread()
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { scratch.deallocate() }

        let start = clock.now
        let deadline = start + timeout
        var termSentAt: ContinuousClock.Instant?
        var killSent = false
        var timedOut = false, cancelled = false
        if input.isEmpty { closeStdin() }

        // While the child runs: pump I/O, and escalate once the deadline passes or the task is cancelled.
        var idleWait = 1  // ms; doubles while nothing happens, so quick children are noticed quickly.
        while !leader.hasExited() {
            let now = clock.now
            if let sentAt = termSentAt {
                if !killSent, now >= sentAt + grace {
                    kill(-pid, SIGKILL)
                    killSent = true
                }
            } else if cancellation.isCancelled || now >= deadline {
                cancelled = cancellation.isCancelled
                timedOut = !cancelled
                kill(-pid, SIGTERM)
                termSentAt = now
            }
            let nextEvent = killSent ? nil : (termSentAt.map { $0 + grace } ?? deadline)
            let wait = min(idleWait, nextEvent.map { $0.pollMilliseconds } ?? idleWait)
            idleWait = pump(waitingUpTo: wait, scratch: scratch) ? 1 : min(idleWait * 2, 50)
        }

        // The child has exited (and stays a zombie, so its pid, group and session ids cannot be
        // reused yet). Kill all it left behind: nothing it started may outlive it. What they all
        // wrote stays readable in the pipes; read it until end of file, which comes once every
        // holder of a pipe end is dead.
        closeStdin()
        kill(-pid, SIGKILL)
        let stopDeadline = clock.now + grace
        #if os(Linux)
        let everyProcessStopped = Descendants.killAll(session: pid, until: stopDeadline)
        #endif
        // The reading gets its own time, counted once the killing is done: on a busy machine the
        // search for descendants can use up the whole grace, and output left unread in the pipe
        // would be lost (a predictor's answers read as none). What is already there is read at once.
        let drainDeadline = clock.now + grace
        // At least one pass, however short the grace: what is in the pipes is there to be read.
        repeat {
            _ = pump(waitingUpTo: max(1, min(50, drainDeadline.pollMilliseconds)), scratch: scratch)
        } while (stdoutFD >= 0 || stderrFD >= 0) && clock.now < drainDeadline
        closeFD(&stdoutFD)
        closeFD(&stderrFD)

        Registry.shared.withLock { $0.remove(pid) }  // Before reaping: see `Registry`.
        let termination = leader.reap()
        #if !os(Linux)
        let everyProcessStopped = leader.groupIsGone(before: stopDeadline)
        #endif
        Registry.shared.withLock { $0.reaped(pid) }
        let outcome = ChildProcess.Outcome(
            termination: termination, timedOut: timedOut, everyProcessStopped: everyProcessStopped,
            stdout: stdout.bytes, stdoutTruncated: stdout.truncated,
            stderr: stderr.bytes, stderrTruncated: stderr.truncated,
            duration: clock.now - start)
        return Result(outcome: outcome, cancelled: cancelled)
    }

    /// One poll() over the open pipes; returns whether any bytes moved or a pipe closed.
    private mutating func pump(waitingUpTo milliseconds: Int, scratch: UnsafeMutableRawBufferPointer) -> Bool {
        var fds: [pollfd] = []
        if stdinFD >= 0 { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
        if stdoutFD >= 0 { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
        if stderrFD >= 0 { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
        guard poll(&fds, nfds_t(fds.count), Int32(milliseconds)) > 0 else { return false }

        var progressed = false
        for entry in fds where entry.revents != 0 {
            switch entry.fd {
            case stdinFD: progressed = writeInput() || progressed
            case stdoutFD: progressed = drain(into: &stdout, from: &stdoutFD, scratch: scratch) || progressed
            case stderrFD: progressed = drain(into: &stderr, from: &stderrFD, scratch: scratch) || progressed
            default: break
            }
        }
        return progressed
    }

    private mutating func writeInput() -> Bool {
        let count = input.withUnsafeBytes { bytes in
            write(stdinFD, bytes.baseAddress! + written, min(bytes.count - written, 1 << 16))
        }
        if count > 0 {
            written += count
            if written == input.count { closeStdin() }  // EOF tells the child the document is complete.
            return true
        }
        if count < 0, errno == EAGAIN || errno == EINTR { return false }
        // EPIPE: the child closed its stdin or exited without reading it all. Not our failure;
        // its exit status says how it went.
        BrokenPipe.discardPending()
        closeStdin()
        return true
    }

    private func drain(into capture: inout Capture, from fd: inout Int32, scratch: UnsafeMutableRawBufferPointer) -> Bool {
        let count = read(fd, scratch.baseAddress, scratch.count)
        if count > 0 {
            capture.append(UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
            return true
        }
        if count < 0, errno == EAGAIN || errno == EINTR { return false }
        closeFD(&fd)  // End of file, or an error that reading again would not fix.
        return true
    }

    private mutating func closeStdin() { closeFD(&stdinFD) }

    private func closeFD(_ fd: inout Int32) {
        if fd >= 0 { close(fd) }
        fd = -1
    }
}
