// SIGPIPE: writing to a pipe whose reader is gone raises SIGPIPE, whose default action would kill
// modelgate. Rather than change the process-wide disposition behind the CLI's back, the writing
// thread blocks it: the write then fails with EPIPE, and the signal, left pending on that thread
// only, is taken off again. (On Darwin, F_SETNOSIGPIPE on the descriptor does the same job.)

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

enum BrokenPipe {
    /// For a thread of modelgate's own that writes to children for its whole life (a supervisor).
    static func blockOnThisThread() {
        #if !canImport(Darwin)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &set, nil)
        #endif
    }

    /// Takes off the SIGPIPE an EPIPE write left pending on this thread.
    static func discardPending() {
        #if !canImport(Darwin)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGPIPE)
        var noWait = timespec(tv_sec: 0, tv_nsec: 0)
        while sigtimedwait(&set, nil, &noWait) == SIGPIPE {}
        #endif
    }

    /// `write` from any thread (a caller's, not ours to reconfigure): SIGPIPE is blocked for this
    /// one call and the thread's mask restored, so a reader gone away is EPIPE, never death.
    static func writeWithoutSignal(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Darwin)
        return write(fd, bytes, count)
        #else
        var set = sigset_t(), previous = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &set, &previous)
        let count = write(fd, bytes, count)
        let code = errno
        // A SIGPIPE pending before this call (the thread had it blocked already) is not ours to take.
        if count < 0, code == EPIPE, sigismember(&previous, SIGPIPE) == 0 { discardPending() }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        errno = code
        return count
        #endif
    }
}
