import ModelGate
import Predictors
import Synchronization

/// Load on the candidate's predictor through its sessions, one request (one row) per call: each
/// slot of the arrival model (`concurrency`, or up to `max_connections`) holds one session, so a
/// persistent `command` predictor runs one process per slot for the whole gate and a call costs
/// one line each way. Sessions are opened when a slot is first needed and kept between windows.
final class PredictorLoad: LoadTarget {
    let predictor: any Predictor
    let requests: [PredictionRequests]
    private let sessions = Mutex<[(any PredictorSession)?]>([])
    /// A server the gate started for this load, stopped with the target.
    let server: ManagedServer?
    let client: String

    init(predictor: any Predictor, requests: [PredictionRequests], server: ManagedServer? = nil, client: String? = nil) {
        self.predictor = predictor
        self.requests = requests
        self.server = server
        let program = (predictor as? CommandPredictor).map { $0.config.command.joined(separator: " ") } ?? predictor.name
        self.client = client ?? "calls to the predictor \(program)"
    }

    func measure(_ window: LoadWindow) async throws -> WindowResult {
        // A closed loop's slots are all used at once: their sessions (persistent processes) are
        // opened before the window's clock starts, so start-up eats neither warm-up nor measurement.
        if case .closedLoop(let concurrency) = window.arrival {
            let opened = sessions.withLock { sessions in
                while sessions.count < concurrency { sessions.append(nil) }
                return sessions.count
            }
            for slot in 0..<min(concurrency, opened) { _ = try await session(slot) }
        }
        let clock = WindowClock(window)
        let recorder = WindowRecorder(earlyStop: window.earlyStop)
        // Slots whose call finished; each finish also wakes the dispatcher once.
        let (wakes, wake) = AsyncStream.makeStream(of: Void.self)
        var wakeIterator = wakes.makeAsyncIterator()
        let idle = IdleSlots(Array((0..<sessions.withLock { $0.count }).reversed()))
        var measuredStarted = 0
        try await withThrowingTaskGroup(of: Void.self) { group in
            for ticket in 0... {
                if recorder.stopped { break }
                let due = clock.intendedStart(ticket: ticket)
                if let due {
                    if clock.role(of: due, measuredSoFar: measuredStarted) == .beyondEnd { break }
                    try await Task.sleep(until: due, tolerance: .microseconds(50), clock: .continuous)
                }
                // A slot: an idle one, a new one, or the next one freed (the wait counts in the latency).
                var slot: Int?
                while slot == nil {
                    slot = idle.take() ?? sessions.withLock { sessions -> Int? in
                        guard sessions.count < window.arrival.slots else { return nil }
                        sessions.append(nil)
                        return sessions.count - 1
                    }
                    if slot == nil {
                        guard await wakeIterator.next() != nil else { break }
                        try Task.checkCancellation()
                    }
                }
                guard let slot else { break }
                // A slot's session (a persistent process) is opened before its first request is
                // timed in a closed loop: starting the model is not answering. In an open loop the
                // request was due already, and waiting for the slot counts, as a connect does.
                _ = try await session(slot)
                let start = due ?? .now
                let role = clock.role(of: start, measuredSoFar: measuredStarted)
                if role == .beyondEnd || recorder.stopped {
                    idle.put(slot)
                    break
                }
                if role == .measured { measuredStarted += 1 }
                let request = requests[ticket % requests.count]
                group.addTask {
                    defer {
                        idle.put(slot)
                        wake.yield()
                    }
                    let outcome = try await self.call(slot: slot, request, intendedStart: start, timeout: window.requestTimeout)
                    recorder.record(outcome, measured: role == .measured, finishedAt: .now)
                }
            }
            try await group.waitForAll()
        }
        wake.finish()
        return recorder.result(measureStart: clock.measureStart)
    }

    /// One call on a slot's session, timed from `intendedStart`. An answer the predictor cannot
    /// give for the row is a counted failure; a predictor that can no longer answer at all ends
    /// the gate, since every later call would fail the same way.
    private func call(slot: Int, _ request: PredictionRequests, intendedStart: ContinuousClock.Instant,
                      timeout: Duration) async throws -> RequestOutcome {
        let session = try await session(slot)
        let deadline = intendedStart + timeout
        do {
            let answered = try await withThrowingTaskGroup(of: Bool.self) { race in
                race.addTask {
                    _ = try await session.predict(request)
                    return true
                }
                race.addTask {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    return false
                }
                let first = try await race.next()!
                race.cancelAll()
                return first
            }
            guard answered else {
                // The session may still deliver this answer later: it is no longer in step.
                await replace(slot)
                return .failure(.timeout)
            }
            return .success(latency: ContinuousClock.now - intendedStart)
        } catch is PredictionFailure {
            // A session that gave an answer it could not stand behind may be out of step (a
            // persistent process refuses further rows): the slot gets a fresh one.
            await replace(slot)
            return .failure(.invalidResponse)
        }
    }

    private func session(_ slot: Int) async throws -> any PredictorSession {
        if let open = sessions.withLock({ $0[slot] }) { return open }
        let session = try await predictor.openSession()
        sessions.withLock { $0[slot] = session }
        return session
    }

    private func replace(_ slot: Int) async {
        let old = sessions.withLock { sessions -> (any PredictorSession)? in
            defer { sessions[slot] = nil }
            return sessions[slot]
        }
        await old?.close()
    }

    func close() async {
        let open = sessions.withLock { sessions in
            defer { sessions.removeAll() }
            return sessions.compactMap { $0 }
        }
        for session in open { await session.close() }
        await server?.stop()
    }
}

/// The slots whose call has finished, shared by the dispatcher and the calls.
private final class IdleSlots: Sendable {
    private let slots: Mutex<[Int]>
    init(_ slots: [Int]) { self.slots = Mutex(slots) }
    func take() -> Int? { slots.withLock { $0.popLast() } }
    func put(_ slot: Int) { slots.withLock { $0.append(slot) } }
}
