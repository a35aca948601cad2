import Foundation
import Synchronization
import HTTP
import GateTestSupport

/// One outcome as a test keeps it (the response body copied out of the callback).
struct RecordedOutcome {
    var sequence: Int
    var requestIndex: Int
    var isWarmup: Bool
    var latency: UInt64
    var sendLag: UInt64?
    var status: Int?
    var contentType: String?
    var body: [UInt8]?
    var failure: LoadFailure?

    var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }
    var latencyMilliseconds: Double { Double(latency) / 1e6 }
}

/// What a load run against a test server gave: its totals, every outcome, and its wall time.
struct LoadRecord {
    var totals: LoadTotals
    var outcomes: [RecordedOutcome]
    var seconds: Double

    var measured: [RecordedOutcome] { outcomes.filter { !$0.isWarmup } }
    var sortedLatencies: [UInt64] { measured.map(\.latency).sorted() }
}

/// An encoded request for the server's address.
func encodedRequest(_ port: Int, method: HTTPMethod = .get, target: String = "/", body: String = "",
                    headers: [(name: String, value: String)] = [], host: String = "127.0.0.1") throws -> [UInt8] {
    let writer = try HTTPRequestWriter(method: method, target: target, host: "\(host):\(port)",
                                       contentType: method == .post ? "application/json" : nil, headers: headers)
    var out: [UInt8] = []
    writer.write(body: Array(body.utf8), into: &out)
    return out
}

func plan(_ port: Int, host: String = "127.0.0.1", _ arrival: LoadArrival, warmup: LoadLength = .none,
          measured: LoadLength, requestTimeout: Duration = .seconds(5)) throws -> LoadPlan {
    LoadPlan(endpoint: try LoadEndpoint(host: host, port: port), arrival: arrival, warmup: warmup, measured: measured,
             connectTimeout: .seconds(2), requestTimeout: requestTimeout)
}

/// Runs the load on a thread of its own (a blocking loop must not hold one of the few threads
/// of Swift's cooperative pool) and records every outcome. `decide` sees each outcome after it
/// is recorded. A 20 s guard cancels a run that would otherwise hang, and the tests check the
/// ending, so a hang fails instead of blocking the suite.
func runLoad(_ plan: LoadPlan, requests: [[UInt8]], cancelAfter: Duration? = nil,
             decide: @escaping @Sendable (RecordedOutcome) -> LoadDecision = { _ in .proceed }) async throws -> LoadRecord {
    try await runLoad(try LoadGenerator(plan: plan, requests: try LoadRequests(cycling: requests)),
                      cancelAfter: cancelAfter, decide: decide)
}

func runLoad(_ generator: LoadGenerator, cancelAfter: Duration? = nil,
             decide: @escaping @Sendable (RecordedOutcome) -> LoadDecision = { _ in .proceed }) async throws -> LoadRecord {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            let began = Date()
            let limit = cancelAfter.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 } ?? 20
            var outcomes: [RecordedOutcome] = []
            do {
                let totals = try generator.run(isCancelled: { Date().timeIntervalSince(began) > limit }) { outcome in
                    let recorded = RecordedOutcome(
                        sequence: outcome.sequence, requestIndex: outcome.requestIndex, isWarmup: outcome.isWarmup,
                        latency: outcome.latencyNanoseconds, sendLag: outcome.sendLagNanoseconds,
                        status: outcome.response?.status, contentType: outcome.response?.head.contentType,
                        body: outcome.response.map { Array($0.body) }, failure: outcome.failure)
                    outcomes.append(recorded)
                    return decide(recorded)
                }
                continuation.resume(returning: LoadRecord(totals: totals, outcomes: outcomes,
                                                          seconds: Date().timeIntervalSince(began)))
            } catch {
                continuation.resume(throwing: error)
            }
        }.start()
    }
}

/// The value at quantile q (0...1) of sorted values, nearest rank.
func quantile(_ sorted: [UInt64], _ q: Double) -> UInt64 {
    sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
}

/// Waits up to `seconds` for a condition that another thread makes true.
func eventually(_ seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while !condition() {
        if Date() > end { return false }
        usleep(2000)
    }
    return true
}

/// A counter shared with a @Sendable callback.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
