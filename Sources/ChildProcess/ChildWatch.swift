// The thread that owns a long-lived child from fork to reap: it drains the output nobody reads as
// lines (so the child never blocks on a full pipe), notices its exit, enforces its time limit, and
// stops its whole process group on request.
//
// It is also the thread that forked the child, and must be: on Linux the child's parent-death
// signal fires when that thread ends (see ForkExec), so it lives exactly as long as the child.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

struct ChildWatch {
    private let leader: GroupLeader
    /// Read here into `ChildLife.stderr`, and `.stdout` when stdout is captured rather than read as lines.
    private var stderrFD: Int32
    private var stdoutFD: Int32
    private let life: Locked<ChildLife>
    private let stopSignal: StopSignal
    private let lifetimeEnd: ContinuousClock.Instant
    private let grace: Duration

    init(child: LaunchedChild, capturesStdout: Bool, life: Locked<ChildLife>, stopSignal: StopSignal, process: ChildProcess) {
        leader = GroupLeader(pid: child.pid)
        stderrFD = child.stderr
        stdoutFD = capturesStdout ? child.stdout : -1
        self.life = life
        self.stopSignal = stopSignal
        lifetimeEnd = .now + process.timeout
        grace = process.killGrace
    }

    mutating func run() {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { scratch.deallocate() }
        let pid = leader.pid
        var termSentAt: ContinuousClock.Instant?
        var killSent = false
        var idleWait = 1  // ms; doubles while nothing happens, up to 50 ms between checks for exit.
        while !leader.hasExited() {
            let now = ContinuousClock.now
            if let sentAt = termSentAt {
                if !killSent, now >= sentAt + grace {
                    kill(-pid, SIGKILL)
                    killSent = true
                }
            } else if stopIsDue(now) {
                kill(-pid, SIGTERM)
                termSentAt = now
            }
            let nextEvent = killSent ? nil : (termSentAt.map { $0 + grace } ?? lifetimeEnd)
            let wait = min(idleWait, nextEvent?.pollMilliseconds ?? idleWait)
            idleWait = pump(waitingUpTo: wait, watchingStop: termSentAt == nil, scratch: scratch) ? 1 : min(idleWait * 2, 50)
        }
        life.withLock { $0.leaderExited = true }

        // As `Supervisor` does once a child exits: nothing it started may outlive it; what they
        // wrote stays readable in the pipes until end of file.
        kill(-pid, SIGKILL)
        let stopDeadline = ContinuousClock.now + grace
        #if os(Linux)
        let everyProcessStopped = Descendants.killAll(session: pid, until: stopDeadline)
        #endif
        // As in `Supervisor`: reading gets its own time once the killing is done.
        let drainDeadline = ContinuousClock.now + grace
        repeat {
            _ = pump(waitingUpTo: max(1, min(50, drainDeadline.pollMilliseconds)), watchingStop: false, scratch: scratch)
        } while (stdoutFD >= 0 || stderrFD >= 0) && ContinuousClock.now < drainDeadline
        closeFD(&stdoutFD)
        closeFD(&stderrFD)

        Registry.shared.withLock { $0.remove(pid) }  // Before reaping: see `Registry`.
        let termination = leader.reap()
        #if !os(Linux)
        let everyProcessStopped = leader.groupIsGone(before: stopDeadline)
        #endif
        Registry.shared.withLock { $0.reaped(pid) }

        let (ending, waiters) = life.withLock { life in
            let ending = RunningChild.Ending(termination: termination, everyProcessStopped: everyProcessStopped,
                                             stoppedByModelgate: life.stopReason != nil,
                                             outlivedTimeLimit: life.stopReason == .lifetimeEnded)
            life.ending = ending
            defer { life.waiters = [:] }
            return (ending, life.waiters.values)
        }
        // Threads blocked on its pipes wake and find it gone.
        stopSignal.raise()
        for waiter in waiters { waiter(ending) }
    }

    /// Whether stopping must begin: on request, or when the time limit has run out (recorded as the reason).
    private func stopIsDue(_ now: ContinuousClock.Instant) -> Bool {
        life.withLock { life in
            if life.stopReason == nil, now >= lifetimeEnd { life.stopReason = .lifetimeEnded }
            return life.stopReason != nil
        }
    }

    /// One poll() over the captured pipes (and the stop signal); returns whether anything happened.
    private mutating func pump(waitingUpTo milliseconds: Int, watchingStop: Bool, scratch: UnsafeMutableRawBufferPointer) -> Bool {
        var fds: [pollfd] = []
        if stdoutFD >= 0 { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
        if stderrFD >= 0 { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
        // Once stopping has begun the signal stays raised; watching it would make this loop spin.
        if watchingStop { fds.append(pollfd(fd: stopSignal.fd, events: Int16(POLLIN), revents: 0)) }
        guard poll(&fds, nfds_t(fds.count), Int32(milliseconds)) > 0 else { return false }
        for entry in fds where entry.revents != 0 {
            if entry.fd == stdoutFD { drain(\.stdout, from: &stdoutFD, scratch: scratch) }
            if entry.fd == stderrFD { drain(\.stderr, from: &stderrFD, scratch: scratch) }
        }
        return true
    }

    private func drain(_ capture: WritableKeyPath<ChildLife, Capture>, from fd: inout Int32, scratch: UnsafeMutableRawBufferPointer) {
        let count = read(fd, scratch.baseAddress, scratch.count)
        if count > 0 {
            life.withLock { $0[keyPath: capture].append(UnsafeRawBufferPointer(rebasing: scratch[0..<count])) }
        } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
            closeFD(&fd)  // End of file, or an error that reading again would not fix.
        }
    }

    private func closeFD(_ fd: inout Int32) {
        if fd >= 0 { close(fd) }
        fd = -1
    }
}
