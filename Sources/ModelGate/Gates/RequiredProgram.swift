import ChildProcess

/// A program a gate depends on (a plug-in, a predictor), run to its end: it must start, exit 0 in
/// time and print within its limit, or the gate could not run. Plug-ins and predictors share this,
/// so both fail closed with the same words, and both keep their stderr in the gate's log.
public struct RequiredProgram: Sendable {
    public var process: ChildProcess
    /// What the program is to the user, for messages: "plug-in", "the predictor".
    public var role: String

    public init(_ process: ChildProcess, role: String) {
        self.process = process
        self.role = role
    }

    /// Its stdout, when it succeeded; a `GateFailure` naming what went wrong otherwise. Its stderr
    /// goes to `log` either way (prefixed with `logPrefix`), since it explains most failures.
    public func run(stdin input: [UInt8], log: GateLog, logPrefix: String = "", during task: String = "") async throws -> [UInt8] {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try await process.run(stdin: input)
        } catch let error as ChildProcess.LaunchError {
            throw GateFailure("\(role) \(name) could not start: \(error)")
        }
        if !outcome.stderr.isEmpty { log.write(Array(logPrefix.utf8) + outcome.stderr) }
        // Said only when it is so: `everyProcessStopped` is checked, not assumed (see ChildProcess).
        if !outcome.everyProcessStopped {
            log.write("modelgate could not confirm that every process \(role) \(name) started has stopped")
        }
        let context = task.isEmpty ? "" : " \(task)"
        if outcome.timedOut {
            let stopped = outcome.everyProcessStopped ? "it and its processes were stopped"
                                                      : "it was stopped, but not every process it started could be confirmed stopped"
            throw GateFailure("\(role) \(name) timed out after \(DurationText.format(process.timeout))\(context); \(stopped)")
        }
        switch outcome.termination {
        case .exited(0): break
        case .exited(let code): throw GateFailure("\(role) \(name) exited with status \(code)\(context)")
        case .signaled(let signal): throw GateFailure("\(role) \(name) was killed by signal \(signal)\(context)")
        }
        if outcome.stdoutTruncated {
            throw GateFailure("\(role) \(name) printed more than \(process.stdoutLimit >> 20) MiB on stdout\(context)")
        }
        return outcome.stdout
    }

    private var name: String { process.executable }
}
