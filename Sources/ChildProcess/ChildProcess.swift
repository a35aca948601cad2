// Running an external program the way a quality gate must: bytes in, bounded bytes out, a hard
// deadline, and nothing left running afterwards (DESIGN.md, "External plugins"; principle 1: fail closed).

import Foundation

/// An external program to run (a gate plug-in, a model predictor): what to start, and its limits.
///
/// `run(stdin:)` starts it in a session and process group of its own, with no controlling terminal,
/// feeds `stdin` while reading stdout and stderr, and ends it at `timeout`: SIGTERM to the whole
/// group, then SIGKILL after `killGrace`. When the program has exited, whatever it started is killed
/// too; on Linux that includes processes that left its group or session, and the program gets
/// SIGKILL should modelgate itself die (see ForkExec.swift).
///
/// What stays impossible on macOS: a process that calls setsid (or setpgid) escapes the group kill
/// and is not found, since macOS has no subreaper (orphans go to launchd) and no /proc to find them
/// by; and if modelgate is killed with SIGKILL, nothing kills its children, since macOS has no
/// parent-death signal. `Outcome.everyProcessStopped` then vouches for the process group only.
public struct ChildProcess: Sendable {
    /// A path (relative paths are taken from modelgate's current directory, not `workingDirectory`),
    /// or a bare name looked up in modelgate's own `PATH`; relative `PATH` entries are skipped.
    public var executable: String
    /// Arguments after the program name; `argv[0]` is `executable` as given.
    public var arguments: [String]
    /// The program's whole environment; `nil` passes on modelgate's own.
    public var environment: [String: String]?
    /// Where the program starts; `nil` is modelgate's current directory.
    public var workingDirectory: String?
    /// How long the program may run before its process group is sent SIGTERM.
    public var timeout: Duration
    /// How long after SIGTERM the group gets SIGKILL.
    public var killGrace: Duration
    /// Stdout bytes kept: the first `stdoutLimit`; the rest is read and dropped (`stdoutTruncated`).
    public var stdoutLimit: Int
    /// Stderr bytes kept: the first and last halves of `stderrLimit`, joined by a line saying how
    /// many bytes were left out (`stderrTruncated`), so both the start and a final traceback survive.
    public var stderrLimit: Int

    public init(
        executable: String,
        arguments: [String] = [],
        environment: [String: String]? = nil,
        workingDirectory: String? = nil,
        timeout: Duration,
        killGrace: Duration = .seconds(2),
        stdoutLimit: Int = 16 << 20,
        stderrLimit: Int = 64 << 10
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.timeout = timeout
        self.killGrace = killGrace
        self.stdoutLimit = max(0, stdoutLimit)
        self.stderrLimit = max(0, stderrLimit)
    }

    /// How a run ended.
    public struct Outcome: Sendable, Equatable {
        /// How the program's own process ended.
        public enum Termination: Sendable, Equatable, CustomStringConvertible {
            case exited(Int32)
            case signaled(Int32)

            public var description: String {
                switch self {
                case .exited(let code): "exited with status \(code)"
                case .signaled(let signal): "killed by signal \(signal)"
                }
            }
        }

        public var termination: Termination
        /// The timeout ran out and modelgate ended the program (its `termination` says how).
        public var timedOut: Bool
        /// Every process the program started was confirmed gone before `run` returned. On Linux
        /// that covers all its descendants, wherever they went; on macOS only its process group.
        public var everyProcessStopped: Bool
        public var stdout: [UInt8]
        public var stdoutTruncated: Bool
        public var stderr: [UInt8]
        public var stderrTruncated: Bool
        /// From start to exit, including any grace period.
        public var duration: Duration

        /// Exited by itself with status 0 in time. Whether its output is usable is the caller's call.
        public var succeeded: Bool { !timedOut && termination == .exited(0) }
    }

    /// Runs the program to its end and returns how it went.
    ///
    /// Throws `LaunchError` when it cannot be started, and `CancellationError` when the task is
    /// cancelled: the program's group is then ended (SIGTERM, SIGKILL after `killGrace`) and reaped first.
    public func run(stdin input: [UInt8] = []) async throws -> Outcome {
        try Task.checkCancellation()
        let cancellation = CancellationFlag()
        return try await withTaskCancellationHandler {
            // The child starts on the thread that supervises it, and that thread lives until the
            // child is reaped: on Linux the child's parent-death signal fires when the thread that
            // forked it ends. poll() blocks too, so this is never a thread of the cooperative pool.
            let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Supervisor.Result, LaunchError>, Never>) in
                let thread = Thread { [self] in
                    do throws(LaunchError) {
                        let child = try Launcher.launch(self)
                        var supervisor = Supervisor(child: child, input: input, process: self, cancellation: cancellation)
                        continuation.resume(returning: .success(supervisor.run()))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
                thread.name = "modelgate child \(executable)"
                thread.start()
            }
            let supervised = try result.get()
            if supervised.cancelled { throw CancellationError() }
            return supervised.outcome
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// Runs the program to its end on the calling thread, for short checks made while reading the
    /// configuration, which is synchronous (a plug-in's `--describe`). The calling thread blocks
    /// until the program is reaped or its timeout has ended it; nothing here can be cancelled.
    public func runOnThisThread(stdin input: [UInt8] = []) throws(LaunchError) -> Outcome {
        let child = try Launcher.launch(self)
        var supervisor = Supervisor(child: child, input: input, process: self, cancellation: CancellationFlag())
        return supervisor.run().outcome
    }

    /// Kills every live child's process group with SIGKILL, and refuses to start new ones from now on.
    ///
    /// For the CLI's SIGINT/SIGTERM handling (run it from a `DispatchSourceSignal` handler, not an
    /// async-signal handler), so that no child outlives modelgate. Thread-safe.
    public static func terminateAll() {
        Registry.shared.terminateAll()
    }
}
