import ChildProcess
import Dispatch
import ModelGate
import Synchronization

/// The `command` predictor with `persistent: true`: one process for the whole gate, sent one JSON
/// line per row and answering one line per row, in order, batch after batch. The answers read as
/// in a process per batch (`PredictionAnswer`); a missing, late or unreadable answer is a
/// `PredictionFailure` naming its row. Every answer must come within the gate's time limit,
/// counted from the session's start; `close()` stops the process and its whole process group.
///
/// After any failure the session answers nothing more: the lines may be out of step with the rows.
public final class PersistentCommandSession: PredictorSession {
    public let predictor: CommandPredictor
    /// The gate's time limit, counted from the session's start: every answer must come before it.
    public let deadline: ContinuousClock.Instant
    private let child: RunningChild
    /// Where batches wait on the process: a thread of Dispatch's, not one of the gate's executor
    /// or of Swift's cooperative pool, since waiting on pipes holds the thread.
    private let queue = DispatchQueue(label: "modelgate.predictor.persistent")
    /// The first failure's message, once there was one.
    private let failure = Mutex<String?>(nil)
    /// Held for one call from its first byte written to its last answer read: calls from several
    /// threads take turns, so no call reads another's answer.
    private let turn = Mutex(())

    init(predictor: CommandPredictor) throws(GateFailure) {
        self.predictor = predictor
        let config = predictor.config
        let process = ChildProcess(executable: config.command[0], arguments: Array(config.command.dropFirst()),
                                   workingDirectory: predictor.workingDirectory == "." ? nil : predictor.workingDirectory,
                                   timeout: predictor.timeout, stderrLimit: 16 << 10)
        deadline = .now + predictor.timeout
        do {
            child = try process.start(stdout: .lines(limit: CommandPredictor.answerLineLimit))
        } catch {
            throw GateFailure("the predictor \(predictor.name) could not start: \(error)")
        }
    }

    /// The process's pid (also its process group id), for tests and logs.
    public var pid: Int32 { child.pid }

    public func predict(_ requests: PredictionRequests) async throws -> [PredictionAnswer] {
        guard !requests.isEmpty else { return [] }
        try Task.checkCancellation()
        let child = child
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    queue.async { continuation.resume(with: Result { () throws -> [PredictionAnswer] in try self.predictOnThisThread(requests) }) }
                }
            } onCancel: {
                child.requestStop()
            }
        } catch where Task.isCancelled {
            throw CancellationError()
        }
    }

    /// `predict` for a thread of the caller's own: blocks it until every answer is read, the
    /// deadline passes, or `interrupt()` is called from another thread.
    public func predictOnThisThread(_ requests: PredictionRequests) throws -> [PredictionAnswer] {
        guard !requests.isEmpty else { return [] }
        return try answers(requests, checkingAfter: true)
    }

    /// One row in (`request` holds exactly one), its answer out, on the calling thread, for the
    /// latency gate to time: the process is already running, the call writes the line and waits
    /// for the answer line, and nothing else costs more than a system call (a check that no
    /// unasked-for line is waiting). Blocks the thread up to `deadline`, or the earlier `before`;
    /// `interrupt()` from another thread ends the wait. Throws as `predict` does; after a failure
    /// (a late answer included) the session answers no more.
    public func answer(_ request: PredictionRequests, before: ContinuousClock.Instant? = nil) throws -> PredictionAnswer {
        guard request.count == 1 else {
            throw GateFailure("one request at a time is answered here; \(request.count) were given")
        }
        return try answers(request, checkingAfter: false, before: before)[0]
    }

    /// Stops the process from any thread, without waiting: calls waiting on it end at once.
    public func interrupt() {
        child.requestStop()
    }

    public func close() async {
        let ending = await child.stop()
        let stderr = child.recentOutput.stderr
        if !stderr.isEmpty { predictor.log.write(Array("predictor: ".utf8) + stderr) }
        if !ending.everyProcessStopped {
            predictor.log.write("modelgate could not confirm that every process the predictor \(predictor.name) started has stopped")
        }
    }

    /// Sends the requests and reads one answer per request. `checkingAfter`: also look for a line
    /// too many right after the last answer (a later call would find it anyway, before it writes).
    private func answers(_ requests: PredictionRequests, checkingAfter: Bool, before: ContinuousClock.Instant? = nil) throws -> [PredictionAnswer] {
        try turn.withLock { _ throws in try answersInTurn(requests, checkingAfter: checkingAfter, before: before) }
    }

    private func answersInTurn(_ requests: PredictionRequests, checkingAfter: Bool, before: ContinuousClock.Instant?) throws -> [PredictionAnswer] {
        let deadline = min(deadline, before ?? deadline)
        if let earlier = failure.withLock({ $0 }) {
            throw GateFailure("the predictor \(predictor.name) answers no more rows after failing: \(earlier)")
        }
        var answers: [PredictionAnswer] = []
        answers.reserveCapacity(requests.count)
        var unreadable: PredictionFailure?
        var lineTooMany: Int??  // a line nobody asked for: before this call (nil), or after its answers
        do throws(ChildProcess.StreamError) {
            if try child.unreadOutput() > 0 {
                lineTooMany = .some(nil)
            } else {
                _ = try child.exchange(requests.lines, lines: requests.count, deadline: deadline) { line in
                    do throws(GateFailure) {
                        answers.append(try PredictionAnswer.parse(line))
                        return true
                    } catch {
                        unreadable = PredictionFailure(request: answers.count, message: error.message)
                        return false
                    }
                }
                if unreadable == nil, checkingAfter, try child.unreadOutput() > 0 { lineTooMany = requests.count }
            }
        } catch {
            throw failed(PredictionFailure(request: answers.count, message: describe(error)))
        }
        if let unreadable { throw failed(unreadable) }
        if let sent = lineTooMany { throw failed(GateFailure(tooManyLines(sent: sent))) }
        return answers
    }

    /// Records the first failure (the stream may be out of step from here on) and returns it.
    private func failed<Failure: Error>(_ error: Failure) -> Failure {
        let message = (error as? PredictionFailure)?.message ?? (error as? GateFailure)?.message ?? "\(error)"
        failure.withLock { if $0 == nil { $0 = message } }
        return error
    }

    private func tooManyLines(sent: Int?) -> String {
        let rows = sent.map { $0 == 1 ? "the 1 row it was sent" : "the \($0) rows it was sent" } ?? "the rows it was sent before"
        return "the predictor \(predictor.name) answered more lines than \(rows); it must print exactly one line per input line"
    }

    private func describe(_ error: ChildProcess.StreamError) -> String {
        let name = "the predictor \(predictor.name)"
        let limit = DurationText.format(predictor.timeout)
        switch error {
        case .timedOut where ContinuousClock.now < deadline:
            // The caller's own, earlier deadline (`answer(_:before:)`), not the gate's.
            return "\(name) \(error)"
        case .timedOut(.line), .lifetimeEnded:
            return "\(name) gave no answer within the gate's time limit of \(limit); it was stopped"
        case .timedOut(.inputTaken):
            return "\(name) did not read its input within the gate's time limit of \(limit) (a persistent predictor answers each line as it reads it); it was stopped"
        case .outputEnded(let termination?):
            return "\(name) \(termination) before answering"
        case .outputEnded(nil):
            return "\(name) closed its stdout before answering"
        case .inputClosed(let termination?):
            return "\(name) \(termination) before reading its input"
        case .inputClosed(nil):
            return "\(name) closed its stdin before reading its input"
        case .lineTooLong(let limit):
            return "\(name) printed an answer longer than \(limit >> 10) KiB"
        case .stopped, .systemCall:
            return "\(name) \(error)"
        }
    }
}
