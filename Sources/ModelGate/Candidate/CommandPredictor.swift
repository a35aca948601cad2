import ChildProcess

/// Gets predictions from the candidate's `command` predictor: a program that reads one JSON object
/// per line on stdin (the row's inputs by name) and writes one JSON line per input line, in order.
/// It runs once per batch, in its own process group, under the gate's time limit; anything else
/// than exactly one answer per row is an error, never a guess.
public struct CommandPredictor: Sendable {
    public let config: PredictorConfig
    /// Where the program starts: the pipeline file's folder.
    public let workingDirectory: String
    public let timeout: Duration
    public let log: GateLog

    /// Answers a program may print for one batch before it is cut off.
    static let outputLimit = 256 << 20

    public init(config: PredictorConfig, workingDirectory: String, timeout: Duration, log: GateLog) {
        self.config = config
        self.workingDirectory = workingDirectory
        self.timeout = timeout
        self.log = log
    }

    /// The answer lines for `rows` input lines (`input` holds them, newline-terminated).
    public func predict(_ input: [UInt8], rows: Int) async throws -> [ArraySlice<UInt8>] {
        let process = ChildProcess(executable: config.command[0], arguments: Array(config.command.dropFirst()),
                                   workingDirectory: workingDirectory == "." ? nil : workingDirectory,
                                   timeout: timeout, stdoutLimit: Self.outputLimit, stderrLimit: 16 << 10)
        let outcome: ChildProcess.Outcome
        do {
            outcome = try await process.run(stdin: input)
        } catch let error as ChildProcess.LaunchError {
            throw GateFailure("the predictor could not start: \(error)")
        }
        if !outcome.stderr.isEmpty { log.write("predictor: " + String(decoding: outcome.stderr, as: UTF8.self)) }
        let name = config.command[0]
        if outcome.timedOut { throw GateFailure("the predictor \(name) timed out after \(DurationText.format(timeout))") }
        guard outcome.termination == .exited(0) else {
            throw GateFailure("the predictor \(name) \(outcome.termination) on a batch of \(rows) rows")
        }
        if outcome.stdoutTruncated {
            throw GateFailure("the predictor \(name) printed more than \(Self.outputLimit >> 20) MiB for \(rows) rows")
        }
        var lines = outcome.stdout.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard lines.count == rows else {
            throw GateFailure("the predictor \(name) answered \(lines.count) lines for \(rows) rows; it must print one JSON line per input line")
        }
        return lines
    }
}
