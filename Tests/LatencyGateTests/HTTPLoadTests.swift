import GateTestSupport
import HTTP
import ModelGate
import Testing
@testable import LatencyGate

/// The latency gate's HTTP target against a real loopback server: counts, failures by kind,
/// latencies against the server's known delay, a stall under an open loop, early stops, and the
/// loopback-only rule. Timing checks use lower bounds the server guarantees.
@Suite struct HTTPLoadTests {
    static func load(_ server: LoopbackHTTPServer, check: @escaping @Sendable (Int, UnsafeRawBufferPointer) -> LoadErrorKind? = { _, _ in nil })
        throws -> HTTPLoad {
        var request: [UInt8] = []
        try HTTPRequestWriter(method: .post, target: "/v2/models/m/infer", host: "127.0.0.1:\(server.port)", contentType: "application/json")
            .write(body: Array(#"{"x":1}"#.utf8), into: &request)
        return try HTTPLoad(endpoint: LoadEndpoint(host: "127.0.0.1", port: server.port), requests: LoadRequests(fixed: request), check: check)
    }

    static func window(_ arrival: Arrival, requests: Int? = nil, duration: Duration? = nil, earlyStop: EarlyStop? = nil) -> LoadWindow {
        LoadWindow(arrival: arrival, stop: StopRule(requests: requests, duration: duration), warmup: .zero,
                   requestTimeout: .seconds(5), earlyStop: earlyStop)
    }

    @Test func everyRequestIsCountedAndLatenciesAreAtLeastTheServersDelay() async throws {
        let server = try LoopbackHTTPServer(reply: LoopbackReply(delay: .milliseconds(20)))
        let result = try await Self.load(server).measure(Self.window(.closedLoop(concurrency: 4), requests: 40))
        #expect(result.tally.succeeded == 40)
        #expect(server.requestCount == 40)
        #expect(server.lastRequest?.target == "/v2/models/m/infer")
        #expect(result.tally.latencies.min! >= 20_000_000)
        #expect(result.tally.throughput > 0 && result.tally.throughput <= 4 / 0.020 * 1.05)
    }

    @Test func failuresAreCountedByKind() async throws {
        let server = try LoopbackHTTPServer { number, _ in
            switch number % 4 {
            case 0: return LoopbackReply(status: 503)
            case 1: return LoopbackReply(status: 404)
            case 2: return LoopbackReply(action: .closeMidResponse)
            default: return LoopbackReply(body: "not an answer")
            }
        }
        let load = try Self.load(server) { _, body in body.starts(with: Array(#"{"ok""#.utf8)) ? nil : .invalidResponse }
        let tally = try await load.measure(Self.window(.closedLoop(concurrency: 1), requests: 40)).tally
        #expect(tally[.http5xx] == 10)
        #expect(tally[.http4xx] == 10)
        #expect(tally[.closed] == 10)
        #expect(tally[.invalidResponse] == 10)
        #expect(tally.succeeded == 0)
    }

    @Test func aRefusedPortIsAConnectError() async throws {
        let server = try LoopbackHTTPServer()
        let load = try Self.load(server)
        #expect(server.stop())
        let tally = try await load.measure(Self.window(.closedLoop(concurrency: 1), requests: 3)).tally
        #expect(tally[.connect] == 3)
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try LoopbackHTTPServer(reply: LoopbackReply(action: .neverAnswer))
        var window = Self.window(.closedLoop(concurrency: 2), requests: 2)
        window.requestTimeout = .milliseconds(200)
        let tally = try await Self.load(server).measure(window).tally
        #expect(tally[.timeout] == 2)
    }

    @Test func aStallShowsInP99UnderAnOpenLoop() async throws {
        // One stall of 1 s at request 5; at 50/s on one connection about 50 requests fall due
        // during it, and each counts from when it was due.
        let server = try LoopbackHTTPServer { number, _ in LoopbackReply(stall: number == 5 ? .seconds(1) : .zero) }
        let tally = try await Self.load(server).measure(Self.window(.openLoop(rate: 50, maxInFlight: 1), requests: 100)).tally
        #expect(tally.succeeded == 100)
        let slow = tally.latencies.value(atQuantile: 0.99)!
        #expect(slow >= 900_000_000, "p99 \(slow) ns")
        #expect(tally.latencies.value(atQuantile: 0.8)! >= 100_000_000)
    }

    @Test func earlyStopEndsTheLoadAtTheFirstLostThreshold() async throws {
        let server = try LoopbackHTTPServer(reply: LoopbackReply(status: 500))
        let judge = EarlyStop(limits: [ThresholdLimit(metric: "error_rate", op: .lessOrEqual, value: 0.01)], errorBudget: Share(1), planned: 1000)
        let result = try await Self.load(server).measure(Self.window(.closedLoop(concurrency: 1), requests: 1000, earlyStop: judge))
        #expect(result.stoppedEarly != nil)
        #expect(result.tally[.http5xx] == 11)
        #expect(server.requestCount < 20)
    }

    @Test func onlyLoopbackIsLoaded() throws {
        #expect(throws: GateFailure.self) {
            try HTTPLoad(endpoint: LoadEndpoint(host: "10.1.2.3", port: 80), requests: LoadRequests(fixed: Array("GET / HTTP/1.1\r\n\r\n".utf8)),
                         check: { _, _ in nil })
        }
    }

    @Test func cancellingTheTaskStopsTheLoad() async throws {
        let server = try LoopbackHTTPServer(reply: LoopbackReply(delay: .milliseconds(5)))
        let load = try Self.load(server)
        let task = Task { try await load.measure(Self.window(.closedLoop(concurrency: 2), duration: .seconds(3600))) }
        while server.requestCount < 5 { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
