import ChildProcess
import ModelGate

/// The candidate's `command` predictor: a program that reads one JSON object per line on stdin
/// (a row's inputs by name) and writes one JSON line per input line, in order. It runs once per
/// batch, in its own process group, under the gate's time limit, or with `persistent: true` once
/// for the whole gate (`PersistentCommandSession`); anything else than exactly one answer per
/// request is an error, never a guess.
public struct CommandPredictor: Predictor {
    public let config: PredictorConfig
    /// Where the program starts: the pipeline file's folder.
    public let workingDirectory: String
    public let timeout: Duration
    public let log: GateLog

    /// Answers a program may print for one batch before it is cut off.
    static let outputLimit = 256 << 20
    /// The longest answer line a persistent program may print (class scores of many classes fit).
    public static let answerLineLimit = 1 << 20

    public init(config: PredictorConfig, workingDirectory: String, timeout: Duration, log: GateLog) {
        self.config = config
        self.workingDirectory = workingDirectory
        self.timeout = timeout
        self.log = log
    }

    public var name: String { config.command[0] }
    public var inputs: [String] { config.inputs }
    public var batchSize: Int { config.batchSize }

    public func openSession() async throws -> any PredictorSession {
        config.persistent ? try openPersistentSession() : BatchSession(predictor: self)
    }

    /// Starts the program for a session of many calls, whether or not the pipeline asked for
    /// `persistent` (the latency gate times single requests to a running process).
    public func openPersistentSession() throws(GateFailure) -> PersistentCommandSession {
        try PersistentCommandSession(predictor: self)
    }

    /// A process per batch: nothing stays open between calls.
    struct BatchSession: PredictorSession {
        let predictor: CommandPredictor

        func predict(_ requests: PredictionRequests) async throws -> [PredictionAnswer] {
            let lines = try await predictor.answerLines(requests)
            var answers: [PredictionAnswer] = []
            answers.reserveCapacity(lines.count)
            for (index, line) in lines.enumerated() {
                do throws(GateFailure) {
                    answers.append(try PredictionAnswer.parse(line))
                } catch {
                    throw PredictionFailure(request: index, message: error.message)
                }
            }
            return answers
        }

        func close() async {}
    }

    /// The program's answer lines for one batch, exactly one per request.
    func answerLines(_ requests: PredictionRequests) async throws -> [ArraySlice<UInt8>] {
        let process = ChildProcess(executable: config.command[0], arguments: Array(config.command.dropFirst()),
                                   workingDirectory: workingDirectory == "." ? nil : workingDirectory,
                                   timeout: timeout, stdoutLimit: Self.outputLimit, stderrLimit: 16 << 10)
        let stdout = try await RequiredProgram(process, role: "the predictor")
            .run(stdin: requests.lines, log: log, logPrefix: "predictor: ", during: "on a batch of \(requests.count) rows")
        var lines = stdout.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard lines.count == requests.count else {
            throw GateFailure("the predictor \(name) answered \(lines.count) lines for \(requests.count) rows; it must print one JSON line per input line")
        }
        return lines
    }
}
