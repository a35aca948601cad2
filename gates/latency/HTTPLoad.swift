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
        let cancelled = Atomic<Bool>(false)
        let check = self.check
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread {
                    var tally = LoadTally()
                    var earlyStop = window.earlyStop
                    do {
                        let totals = try generator.run(isCancelled: { cancelled.load(ordering: .relaxed) }) { outcome in
                            Self.classify(outcome, check: check, tally: &tally, earlyStop: &earlyStop)
                        }
                        if totals.ending == .cancelled {
                            continuation.resume(throwing: CancellationError())
                            return
                        }
                        tally.finish(elapsedNanoseconds: totals.measuredNanoseconds)
                        continuation.resume(returning: WindowResult(tally: tally, stoppedEarly: earlyStop?.reason))
                    } catch {
                        continuation.resume(throwing: GateFailure("\(error)"))
                    }
                }
            }
        } onCancel: {
            cancelled.store(true, ordering: .relaxed)
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
