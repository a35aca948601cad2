import Dispatch
import HTTP
import ModelGate
import Predictors
import Synchronization

/// Load on a served endpoint through the epoll load generator: requests encoded once, a loop on a
/// thread of its own (never on Swift's shared pool, whose two threads a busy machine may hold),
/// each outcome classified on that thread as it arrives.
final class HTTPLoad: LoadTarget {
    let endpoint: LoadEndpoint
    let requests: LoadRequests
    /// Reads a 2xx body: nil when it is a valid answer for the request it answered, else why not.
    let check: @Sendable (_ requestIndex: Int, _ body: UnsafeRawBufferPointer) -> LoadErrorKind?
    /// The server the gate started for this load (`start:`), stopped with the target.
    let server: ManagedServer?

    init(endpoint: LoadEndpoint, requests: LoadRequests, server: ManagedServer? = nil,
         check: @escaping @Sendable (Int, UnsafeRawBufferPointer) -> LoadErrorKind?) throws {
        // Load and probe traffic stays on this machine: a CI job must not load someone's service.
        guard endpoint.isLoopback else {
            throw GateFailure("the latency gate sends load only to loopback (127.0.0.1 or ::1), not to \(endpoint)")
        }
        self.endpoint = endpoint
        self.requests = requests
        self.check = check
        self.server = server
    }

    var client: String { "modelgate's socket client (HTTP/1.1 keep-alive)" }

    func measure(_ window: LoadWindow) async throws -> WindowResult {
        let arrival: LoadArrival
        switch window.arrival {
        case .closedLoop(let concurrency): arrival = .closed(connections: concurrency)
        case .openLoop(let rate, let maxInFlight): arrival = .open(rate: rate, maxConnections: maxInFlight)
        }
        let plan = LoadPlan(endpoint: endpoint, arrival: arrival,
                            warmup: window.warmup > .zero ? LoadLength(duration: window.warmup) : .none,
                            measured: LoadLength(requests: window.stop.requests, duration: window.stop.duration),
                            requestTimeout: window.requestTimeout)
        let generator: LoadGenerator
        do { generator = try LoadGenerator(plan: plan, requests: requests) } catch { throw GateFailure(error.description) }
        let parts = try Self.parts(of: generator, arrival: window.arrival)
        let flags = LoadFlags()
        let check = self.check
        let results = try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: WindowResult.self) { group in
                for part in parts {
                    group.addTask {
                        try await Self.run(part, window: window, check: check, flags: flags)
                    }
                }
                var results: [WindowResult] = []
                for try await result in group { results.append(result) }
                return results
            }
        } onCancel: {
            flags.cancelled.store(true, ordering: .relaxed)
        }
        var total = LoadTally()
        for result in results { try total.addConcurrent(result.tally) }
        return WindowResult(tally: total, stoppedEarly: results.compactMap { $0.stoppedEarly }.first)
    }

    /// A closed loop with several connections runs on both cores, as `wrk -t2` does (each part its
    /// own loop thread and share of the connections); an open loop keeps one loop, so arrivals
    /// stay evenly spaced.
    static func parts(of generator: LoadGenerator, arrival: Arrival) throws -> [LoadGenerator] {
        guard case .closedLoop(let concurrency) = arrival, concurrency >= 2 else { return [generator] }
        let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 2))
        do { return try generator.split(into: cores) } catch { throw GateFailure(error.description) }
    }

    /// One part on a thread of its own (never on Swift's shared pool, whose threads a busy
    /// machine may hold), its outcomes counted as they arrive.
    private static func run(_ part: LoadGenerator, window: LoadWindow, check: @escaping @Sendable (Int, UnsafeRawBufferPointer) -> LoadErrorKind?,
                            flags: LoadFlags) async throws -> WindowResult {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                var tally = LoadTally()
                var earlyStop = window.earlyStop
                do {
                    let totals = try part.run(isCancelled: { flags.cancelled.load(ordering: .relaxed) || flags.stopped.load(ordering: .relaxed) }) { outcome in
                        let decision = classify(outcome, check: check, tally: &tally, earlyStop: &earlyStop)
                        if decision.stopsRun { flags.stopped.store(true, ordering: .relaxed) }
                        return decision
                    }
                    if totals.ending == .cancelled, flags.cancelled.load(ordering: .relaxed) {
                        continuation.resume(throwing: CancellationError())
                        return
                    }
                    tally.finish(elapsedNanoseconds: totals.measuredNanoseconds)
                    let reason = earlyStop?.reason ?? (flags.stopped.load(ordering: .relaxed) ? "another loop of this load found a threshold lost" : nil)
                    continuation.resume(returning: WindowResult(tally: tally, stoppedEarly: reason))
                } catch {
                    continuation.resume(throwing: GateFailure("\(error)"))
                }
            }
        }
    }

    /// Counts one outcome (warm-up ones are not counted) and says whether the load goes on.
    static func classify(_ outcome: LoadOutcome, check: (Int, UnsafeRawBufferPointer) -> LoadErrorKind?,
                         tally: inout LoadTally, earlyStop: inout EarlyStop?) -> LoadDecision {
        var failure: LoadErrorKind?
        var wrongAnswer = false
        switch outcome.result {
        case .response(let response):
            failure = LoadErrorKind.of(status: response.status)
            if failure == nil, let problem = check(outcome.requestIndex, response.body) {
                failure = problem
                wrongAnswer = true
            }
        case .failure(let loadFailure):
            switch loadFailure.kind {
            case .connect: failure = .connect
            case .timeout: failure = .timeout
            case .closed: failure = .closed
            case .invalidResponse: failure = .invalidResponse
            }
        }
        guard !outcome.isWarmup else { return wrongAnswer ? .wrongAnswer() : .proceed }
        if let failure {
            tally.recordFailure(failure)
            earlyStop?.observeFailure()
        } else {
            tally.recordSuccess(nanoseconds: outcome.latencyNanoseconds)
            earlyStop?.observe(latencyNanoseconds: outcome.latencyNanoseconds)
        }
        return LoadDecision(isWrongAnswer: wrongAnswer, stopsRun: earlyStop?.exhausted ?? false)
    }

    func close() async { await server?.stop() }
}

import Foundation

/// What the loops of one window share: the task was cancelled; a loop's judge stopped the load.
private final class LoadFlags: Sendable {
    let cancelled = Atomic<Bool>(false)
    let stopped = Atomic<Bool>(false)
}
