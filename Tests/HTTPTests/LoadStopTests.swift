import Testing
import Foundation
import Synchronization
import HTTP
import GateTestSupport

/// A run stops when its caller says so (k6's abortOnFail) or when it is cancelled, promptly,
/// with every socket closed and what was in flight counted as abandoned.
@Suite struct LoadStopTests {
    @Test func stopsAtTheOutcomeWhoseCallbackAsksToStop() async throws {
        let server = try LoopbackHTTPServer()
        let seen = Counter()
        let record = try await runLoad(try plan(server.port, .closed(connections: 4), measured: LoadLength(requests: 10_000)),
                                       requests: [try encodedRequest(server.port)]) { _ in
            seen.next() == 5 ? .stop : .proceed
        }
        #expect(record.totals.ending == .stoppedByCaller)
        #expect(record.outcomes.count == 5, "no outcome is reported after the one that stopped the run")
        let totals = record.totals.measured
        #expect(totals.responses == 5)
        #expect(totals.started == totals.responses + totals.abandoned)
        #expect(totals.abandoned <= 4)
        #expect(server.requestCount <= 5 + 4)
        #expect(eventually { server.openConnections == 0 }, "every socket is closed when the run stops")
    }

    @Test func stopsOnAFailureWhenTheCallerSaysSo() async throws {
        // abort_on_fail's shape: the first 5xx ends the run.
        let server = try LoopbackHTTPServer { number, _ in LoopbackReply(status: number == 7 ? 503 : 200) }
        let record = try await runLoad(try plan(server.port, .closed(connections: 1), measured: LoadLength(requests: 100)),
                                       requests: [try encodedRequest(server.port)]) { outcome in
            (outcome.status ?? 0) >= 500 ? .stop : .proceed
        }
        #expect(record.totals.ending == .stoppedByCaller)
        #expect(record.outcomes.count == 7)
        #expect(record.totals.measured.serverErrors == 1)
        #expect(server.requestCount == 7)
    }

    @Test func cancelsPromptlyAndClosesEverySocket() async throws {
        // Depends on: cancellation after 200 ms; the server never answers and the request
        // timeout (30 s) is far away, so only the cancellation can end the run.
        let server = try LoopbackHTTPServer(reply: LoopbackReply(action: .neverAnswer))
        #expect(eventually { server.openConnections == 0 })
        let record = try await runLoad(try plan(server.port, .closed(connections: 8), measured: LoadLength(requests: 100),
                                                requestTimeout: .seconds(30)),
                                       requests: [try encodedRequest(server.port)], cancelAfter: .milliseconds(200))
        #expect(record.totals.ending == .cancelled)
        #expect(record.seconds < 2, "cancellation is polled every 10 ms")
        #expect(record.outcomes.isEmpty)
        #expect(record.totals.measured.abandoned == 8)
        #expect(record.totals.measured.started == 8)
        #expect(eventually { server.openConnections == 0 }, "every socket is closed when the run is cancelled")
        #expect(server.connectionsAccepted == 8)
    }

    @Test func cancelsAnOpenModelRunWaitingForItsNextDueTime() async throws {
        // Depends on: one request per second, cancelled after 150 ms: the loop must not sleep
        // until the next due time.
        let server = try LoopbackHTTPServer()
        let record = try await runLoad(try plan(server.port, .open(rate: 1, maxConnections: 2), measured: LoadLength(requests: 10)),
                                       requests: [try encodedRequest(server.port)], cancelAfter: .milliseconds(150))
        #expect(record.totals.ending == .cancelled)
        #expect(record.seconds < 1)
        #expect(record.totals.measured.responses == 1)
    }
}
