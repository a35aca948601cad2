// Starting a program that keeps running while modelgate talks to it (see RunningChild).

import Foundation

extension ChildProcess {
    /// What a long-lived child's stdout is for.
    public enum StdoutUse: Sendable, Equatable {
        /// Read by the caller as lines (`RunningChild.readLine`, `exchange`), each at most `limit`
        /// bytes; nothing of it is kept otherwise.
        case lines(limit: Int)
        /// Nobody reads it: it is drained and kept like stderr (the first and last halves of
        /// `stdoutLimit`), for a message should the program fail (a model server, say).
        case captured
    }

    /// Starts the program and returns at once, while it runs: in a session and process group of
    /// its own, like `run`, registered for `terminateAll()`, and stopped at `timeout` from now
    /// unless `stop()` came first. `killGrace` is the time between SIGTERM and SIGKILL when stopping.
    ///
    /// Blocks the calling thread for as long as the fork and exec take (a few milliseconds).
    public func start(stdout use: StdoutUse) throws(LaunchError) -> RunningChild {
        let stopSignal = try StopSignal()
        let life = Locked(ChildLife(
            stdout: Capture(limit: use == .captured ? stdoutLimit : 0, keepingTail: true),
            stderr: Capture(limit: stderrLimit, keepingTail: true)))
        let launched = Locked<Result<LaunchedChild, LaunchError>?>(nil)
        let started = DispatchSemaphore(value: 0)
        // The thread that forks must outlive the child (its parent-death signal, see ForkExec), so
        // the thread that watches it is the one that starts it.
        let thread = Thread { [self] in
            do throws(LaunchError) {
                let child = try Launcher.launch(self)
                var watch = ChildWatch(child: child, capturesStdout: use == .captured, life: life, stopSignal: stopSignal, process: self)
                launched.withLock { $0 = .success(child) }
                started.signal()
                watch.run()
            } catch {
                launched.withLock { $0 = .failure(error) }
                started.signal()
            }
        }
        thread.name = "modelgate child \(executable)"
        thread.start()
        started.wait()
        let child = try launched.withLock { $0! }.get()
        let lineLimit: Int
        switch use {
        case .lines(let limit): lineLimit = limit
        case .captured: lineLimit = 1
        }
        return RunningChild(pid: child.pid, executable: executable, timeLimit: timeout, life: life, stopSignal: stopSignal,
                            stdin: child.stdin, lines: LineReader(fd: use == .captured ? -1 : child.stdout, limit: lineLimit))
    }
}
