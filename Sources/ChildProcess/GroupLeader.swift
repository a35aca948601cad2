// A started child as what modelgate waits for: the leader of its own process group and session.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The child whose pid is also its process group id. Only the one thread watching it reaps it.
struct GroupLeader: Sendable {
    let pid: pid_t

    /// Whether the child has exited, without reaping it (WNOWAIT): until we reap, its pid and
    /// process group id stay reserved, so signalling `-pid` cannot hit an unrelated group.
    func hasExited() -> Bool {
        var info = siginfo_t()
        let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
        // With WNOHANG and nothing to report, waitid succeeds and leaves the zeroed info as it was.
        return result == 0 ? info.si_signo == SIGCHLD : errno != EINTR
    }

    func reap() -> ChildProcess.Outcome.Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            // Only EINTR is expected; ECHILD would mean someone else reaped our child (a SIGCHLD
            // set to SIG_IGN), and then the status is lost: report it as a failure, never success.
            if errno != EINTR { return .signaled(SIGKILL) }
        }
        // The classic wait-status encoding (WIFEXITED/WEXITSTATUS/WTERMSIG are C macros, not imported).
        let low = status & 0x7f
        return low == 0 ? .exited((status >> 8) & 0xff) : .signaled(low)
    }

    #if !os(Linux)
    /// macOS has no /proc, no subreaper and no parent-death signal: all modelgate can check is that
    /// nothing is left in the child's process group (a process that called setsid is out of reach).
    func groupIsGone(before deadline: ContinuousClock.Instant) -> Bool {
        while kill(-pid, 0) == 0 {
            guard ContinuousClock.now < deadline else { return false }
            usleep(2_000)
        }
        return true
    }
    #endif
}

extension ContinuousClock.Instant {
    /// Whole milliseconds from now until this instant, rounded up (so a poll() that waits this long
    /// wakes at or after it), 0 once past, at most an hour.
    var pollMilliseconds: Int {
        let left = ContinuousClock.now.duration(to: self)
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        return Int(min(seconds, 3600)) * 1000 + Int(attoseconds / 1_000_000_000_000_000) + 1
    }
}
