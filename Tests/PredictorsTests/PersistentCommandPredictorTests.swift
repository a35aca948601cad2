import Foundation
import ModelGate
import Predictors
import Synchronization
import Tabular
import Testing

/// The `command` predictor with `persistent: true` (issue 10, item 5): one process answers batch
/// after batch, and every way it can misbehave is an error naming the row, within the gate's time
/// limit, with nothing left running afterwards.
@Suite struct PersistentCommandPredictorTests {
    /// A folder of the test's own, removed when the test ends.
    final class Scratch: Sendable {
        let path = NSTemporaryDirectory() + "predictors-persistent-" + UUID().uuidString
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    let scratch = Scratch()
    var folder: String { scratch.path }
    let log = GateLog()

    init() throws {
        try FileManager.default.createDirectory(atPath: scratch.path, withIntermediateDirectories: true)
    }

    /// A persistent predictor running `sh -c script` in `folder` (`$0` is the folder).
    /// The default time limit is long: on a busy machine the test task may wait long for a thread,
    /// and the limit runs from the session's start.
    func session(_ script: String, timeout: Duration = .seconds(600)) async throws -> PersistentCommandSession {
        let config = PredictorConfig(type: "command", command: ["/bin/sh", "-c", script, folder],
                                     inputs: ["a"], batchSize: 100, persistent: true, options: .init(.null))
        let predictor = CommandPredictor(config: config, workingDirectory: folder, timeout: timeout, log: log)
        return try #require(try await predictor.openSession() as? PersistentCommandSession)
    }

    /// `count` requests `{"a": first}`, `{"a": first + 1}`, ...
    func requests(_ count: Int, from first: Int = 1) throws -> PredictionRequests {
        let csv = "a\n" + (first..<first + count).map(String.init).joined(separator: "\n") + "\n"
        let reader = try CSVReader(bytes: Array(csv.utf8))
        let fields = try RequestFields(["a"], in: reader)
        var requests = PredictionRequests()
        while let row = try reader.next() { requests.append(row, fields) }
        return requests
    }

    /// The failure a predict call throws, or nil when it succeeded.
    func failure(_ session: PersistentCommandSession, _ requests: PredictionRequests) async -> (any Error)? {
        do {
            _ = try await session.predict(requests)
            return nil
        } catch {
            return error
        }
    }

    func pids(in file: String) -> [String] {
        ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Answers each line with its number over the whole session, so order and continuity show.
    /// (A shell loop, not awk: mawk reads its input in blocks and would wait for more.)
    static let counter = #"echo $$ >> "$0/starts"; n=0; while read -r line; do n=$((n + 1)); echo $n; done"#

    @Test func oneProcessAnswersEveryBatchInOrder() async throws {
        let session = try await session(Self.counter)
        var answers: [PredictionAnswer] = []
        for batch in 0..<20 { answers += try await session.predict(requests(7, from: batch * 7)) }
        await session.close()
        #expect(answers.map(\.prediction) == (1...140).map { .int($0) })
        #expect(pids(in: folder + "/starts").count == 1, "the program started more than once")
    }

    @Test func singleRequestsAreAnsweredOneAtATimeByTheSameProcess() async throws {
        let session = try await session(Self.counter)
        let batches = try (1...100).map { try requests(1, from: $0) }
        let (error, _) = await failureOnOwnThread {
            for (index, request) in batches.enumerated() where try session.answer(request).prediction != .int(index + 1) {
                throw GateFailure("answer \(index + 1) out of order")
            }
        }
        #expect(error == nil, "\(String(describing: error))")
        let (two, _) = await failureOnOwnThread { _ = try session.answer(self.requests(2)) }
        #expect(two is GateFailure)
        await session.close()
        #expect(pids(in: folder + "/starts").count == 1)
    }

    @Test func singleRequestsFromSeveralThreadsEachGetTheirOwnAnswer() async throws {
        // Answers the request's own value: {"a":5.0} -> 5.0.
        let session = try await session(#"while read -r line; do v=${line#*:}; echo "${v%\}}"; done"#)
        final class Count: Sendable { let value = Mutex(0) }
        let mismatches = Count()
        await withTaskGroup(of: Void.self) { group in
            for thread in 0..<4 {
                group.addTask {
                    let (error, _) = await self.failureOnOwnThread {
                        for index in 0..<50 {
                            let value = thread * 1000 + index
                            if try session.answer(self.requests(1, from: value)).prediction != .double(Double(value)) {
                                mismatches.value.withLock { $0 += 1 }
                            }
                        }
                    }
                    #expect(error == nil, "\(String(describing: error))")
                }
            }
        }
        await session.close()
        #expect(mismatches.value.withLock { $0 } == 0)
    }

    @Test func aSingleRequestMayHaveAnEarlierDeadlineThanTheGate() async throws {
        let session = try await session("cat > /dev/null")
        let request = try requests(1)
        let (first, took) = await failureOnOwnThread { _ = try session.answer(request, before: .now + .milliseconds(200)) }
        #expect(first is PredictionFailure, "\(String(describing: first))")
        #expect(took < .seconds(5), "\(took)")
        // A late answer could arrive now and be taken for the next row's: the session is done.
        let (second, _) = await failureOnOwnThread { _ = try session.answer(request, before: .now + .milliseconds(200)) }
        #expect((second as? GateFailure)?.message == "the predictor /bin/sh answers no more rows after failing: the predictor /bin/sh did not answer in time")
        await session.close()
    }

    @Test func aBatchLargerThanThePipeBufferIsAnswered() async throws {
        // About 180 KiB each way: more than a pipe holds, so writing all before reading would deadlock.
        let session = try await session(Self.counter)
        let answers = try await session.predict(requests(20_000))
        await session.close()
        #expect(answers.count == 20_000 && answers.last?.prediction == .int(20_000))
    }

    @Test func aPredictorDyingMidBatchNamesTheFirstUnansweredRow() async throws {
        let session = try await session("read -r one; echo 0.5; read -r two; echo 'dying' >&2; exit 3")
        let error = await failure(session, try requests(4))
        await session.close()
        let failure = try #require(error as? PredictionFailure, "\(String(describing: error))")
        #expect(failure.request == 1)
        #expect(failure.message == "the predictor /bin/sh exited with status 3 before answering", "\(failure.message)")
        #expect(log.contents?.contains("predictor: dying") == true, "stderr goes to the gate's log")
    }

    @Test func tooFewAnswersNameTheRowLeftWithout() async throws {
        let session = try await session("head -n 2 | sed 's/.*/1/'")
        let failure = try #require(await failure(session, try requests(3)) as? PredictionFailure)
        await session.close()
        #expect(failure.request == 2)
        #expect(failure.message.contains("before answering"), "\(failure.message)")
    }

    @Test func moreAnswersThanRowsAreAnError() async throws {
        // Both lines of a row leave in one write, so the extra one is there when the batch's last answer is read.
        let session = try await session(#"while read -r line; do printf '1\n1\n'; done"#)
        let error = await failure(session, try requests(3))
        await session.close()
        let failure = try #require(error as? GateFailure, "\(String(describing: error))")
        #expect(failure.message == "the predictor /bin/sh answered more lines than the 3 rows it was sent; it must print exactly one line per input line")
    }

    @Test func anUnreadableAnswerNamesItsRowAndEndsTheSession() async throws {
        let session = try await session(#"n=0; while read -r line; do n=$((n + 1)); if [ $n = 2 ]; then echo oops; else echo 1; fi; done"#)
        let failure = try #require(await failure(session, try requests(3)) as? PredictionFailure)
        #expect(failure.request == 1 && failure.message.contains("not JSON"))
        // The lines may be out of step now: later batches are refused, not answered wrongly.
        let later = await self.failure(session, try requests(1))
        #expect((later as? GateFailure)?.message.contains("answers no more rows after failing") == true)
        await session.close()
    }

    @Test func anAnswerLongerThanTheLimitIsRefused() async throws {
        let session = try await session("read -r line; head -c 2000000 /dev/zero | tr '\\0' 7; echo")
        let failure = try #require(await failure(session, try requests(1)) as? PredictionFailure)
        await session.close()
        #expect(failure.request == 0)
        #expect(failure.message == "the predictor /bin/sh printed an answer longer than 1024 KiB")
    }

    @Test func aPredictorThatNeverAnswersIsStoppedAtTheGateTimeLimit() async throws {
        let session = try await session("cat > /dev/null", timeout: .milliseconds(500))
        let (error, took) = await failureOnOwnThread(session, try requests(2))
        await session.close()
        #expect(took < .seconds(5), "\(took)")
        let failure = try #require(error as? PredictionFailure, "\(String(describing: error))")
        #expect(failure.request == 0)
        #expect(failure.message == "the predictor /bin/sh gave no answer within the gate's time limit of 500ms; it was stopped")
    }

    @Test func aPredictorThatDoesNotReadItsInputIsStoppedNotWaitedFor() async throws {
        // 20 000 rows are about 180 KiB: more than the pipe holds, so the write itself must time out.
        let session = try await session("sleep 30", timeout: .milliseconds(500))
        let (error, took) = await failureOnOwnThread(session, try requests(20_000))
        await session.close()
        #expect(took < .seconds(5), "\(took)")
        let failure = try #require(error as? PredictionFailure, "\(String(describing: error))")
        #expect(failure.message.contains("did not read its input within the gate's time limit of 500ms"), "\(failure.message)")
    }

    @Test func cancellingAPredictionStopsTheWholeProcessGroup() async throws {
        // The predictor starts a helper in its group, then reads without answering.
        let session = try await session(#"sleep 30 & echo $! > "$0/helper"; echo $$ > "$0/main"; cat > /dev/null"#)
        let call = Task { try await session.predict(try requests(3)) }
        let main = try await waitForLine(in: folder + "/main"), helper = try await waitForLine(in: folder + "/helper")
        call.cancel()
        await #expect(throws: CancellationError.self) { _ = try await call.value }
        await session.close()
        #expect(main == session.pid)
        #expect(kill(main, 0) == -1 && kill(helper, 0) == -1, "a process of the predictor outlived the session")
        #expect(kill(-session.pid, 0) == -1 && errno == ESRCH, "the predictor's process group still has members")
    }

    @Test func closingAnIdleSessionStopsTheProcess() async throws {
        let session = try await session(Self.counter)
        _ = try await session.predict(requests(1))
        await session.close()
        #expect(kill(session.pid, 0) == -1)
        await session.close()  // Twice is fine.
    }

    @Test func aProgramThatCannotStartIsAGateFailureNamingIt() async throws {
        let config = PredictorConfig(type: "command", command: [folder + "/absent"], inputs: ["a"], batchSize: 1,
                                     persistent: true, options: .init(.null))
        let predictor = CommandPredictor(config: config, workingDirectory: folder, timeout: .seconds(5), log: log)
        await #expect(throws: GateFailure.self) { _ = try await predictor.openSession() }
        do {
            _ = try await predictor.openSession()
            Issue.record("started")
        } catch let failure as GateFailure {
            #expect(failure.message == "the predictor \(folder)/absent could not start: cannot run '\(folder)/absent': no such file")
        } catch {
            Issue.record("\(error)")
        }
    }

    /// The error `body` throws on a thread of its own (nil if none), and how long it took, measured
    /// there: a time measured across an `await` would include waits for the busy cooperative pool.
    func failureOnOwnThread(_ body: @escaping @Sendable () throws -> Void) async -> (error: (any Error)?, took: Duration) {
        await withCheckedContinuation { continuation in
            Thread {
                let start = ContinuousClock.now
                do {
                    try body()
                    continuation.resume(returning: (nil, ContinuousClock.now - start))
                } catch {
                    continuation.resume(returning: (error, ContinuousClock.now - start))
                }
            }.start()
        }
    }

    func failureOnOwnThread(_ session: PersistentCommandSession, _ requests: PredictionRequests) async -> (error: (any Error)?, took: Duration) {
        await failureOnOwnThread { _ = try session.predictOnThisThread(requests) }
    }

    /// Waits (up to 10 s) for a script to write a pid into `path`.
    func waitForLine(in path: String) async throws -> pid_t {
        for _ in 0..<1000 {
            if let pid = pids(in: path).first.flatMap({ pid_t($0) }) { return pid }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CocoaError(.fileReadNoSuchFile)
    }
}
