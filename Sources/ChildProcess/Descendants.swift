// Killing everything a child started, wherever it went: its process group, its session, and
// processes that left both and were orphaned.

#if os(Linux)
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// On Linux every child leads a session of its own and adopts its orphans (ForkExec), and
/// modelgate adopts the orphans of its children's trees (`Kernel.becomeSubreaper`). So what a
/// finished child `C` started is, at any moment:
/// - in `C`'s session (even after changing process group), or below such a process;
/// - or a process that called setsid and whose parent chain led to `C`: while `C` lives it stays
///   below `C` (its orphans are `C`'s), and once `C` has died it is adopted by modelgate.
/// modelgate's own other children are in modelgate's session (Foundation's `Process`), or are
/// children that ChildProcess started and still supervises (`Registry.unreaped`), and are left alone.
enum Descendants {
    /// SIGKILLs every process `session`'s leader started, reaps those modelgate adopted, and repeats
    /// (a process killed in one pass can orphan others) until none is left or `deadline` passes.
    /// Returns whether none was left.
    static func killAll(session: pid_t, until deadline: ContinuousClock.Instant) -> Bool {
        let me = getpid(), mySession = getsid(0)
        while true {
            let table = ProcessTable()
            let supervised = Registry.shared.withLock { $0.unreaped }
            let roots = table.entries.filter { entry in
                entry.session == session && entry.pid != session
                    || entry.parent == me && entry.session != mySession && !supervised.contains(entry.pid)
            }
            let targets = table.withDescendants(of: roots)
            var remaining = false
            for target in targets {
                // A pid read from /proc could in principle be reused before this kill; processes
                // whose parent is modelgate (most targets, once their parents are killed) cannot be,
                // since only modelgate's reaping frees their pid.
                if !target.exited {
                    kill(target.pid, SIGKILL)
                    remaining = true
                }
                if target.parent == me && !supervised.contains(target.pid) {
                    var status: Int32 = 0
                    if waitpid(target.pid, &status, WNOHANG) == 0 { remaining = true }
                }
            }
            if !remaining { return true }
            if ContinuousClock.now >= deadline { return false }
            usleep(2_000)
        }
    }
}
#endif
