import Testing
import HTTP
import GateTestSupport

/// The closed model (wrk's): N keep-alive connections, each sending its next request when the
/// previous response is complete; counts must match the server's exactly.
@Suite struct LoadClosedModelTests {
    @Test func sendsExactlyTheWarmupAndMeasuredCountsOverKeepAliveConnections() async throws {
        let server = try LoopbackHTTPServer()
        let record = try await runLoad(try plan(server.port, .closed(connections: 4), warmup: LoadLength(requests: 10),
                                                measured: LoadLength(requests: 200)),
                                       requests: [try encodedRequest(server.port)])
        let totals = record.totals
        #expect(totals.ending == .measuredRequestsDone)
        #expect(totals.warmup.started == 10 && totals.warmup.sent == 10 && totals.warmup.responses == 10)
        #expect(totals.measured.started == 200 && totals.measured.sent == 200 && totals.measured.responses == 200)
        #expect(totals.measured.failures == 0 && totals.measured.abandoned == 0)
        #expect(server.requestCount == 210)
        #expect(totals.connectionsOpened == 4)
        #expect(server.connectionsAccepted == 4)
        #expect(record.outcomes.map(\.sequence).sorted() == Array(0..<210))
        #expect(record.outcomes.allSatisfy { $0.isWarmup == ($0.sequence < 10) })
        #expect(record.measured.allSatisfy { $0.status == 200 && $0.bodyText == #"{"ok":true}"# })
        #expect(totals.measuredNanoseconds > 0)
        #expect(eventually { server.openConnections == 0 }, "the run closes its sockets when it ends")
    }

    @Test func reconnectsWhenTheServerClosesEveryConnection() async throws {
        let server = try LoopbackHTTPServer(reply: LoopbackReply(closesConnection: true))
        let record = try await runLoad(try plan(server.port, .closed(connections: 3), measured: LoadLength(requests: 30)),
                                       requests: [try encodedRequest(server.port)])
        #expect(record.totals.measured.responses == 30)
        #expect(record.totals.measured.failures == 0)
        #expect(record.totals.connectionsOpened == 30)
        #expect(server.connectionsAccepted == 30)
        #expect(server.requestCount == 30)
    }

    @Test func cyclesTheRequestsInOrder() async throws {
        let server = try LoopbackHTTPServer { _, request in LoopbackReply(contentType: "text/plain", body: request.target) }
        let targets = ["/a", "/b", "/c"]
        let record = try await runLoad(try plan(server.port, .closed(connections: 2), measured: LoadLength(requests: 10)),
                                       requests: try targets.map { try encodedRequest(server.port, target: $0) })
        #expect(record.outcomes.count == 10)
        for outcome in record.outcomes {
            #expect(outcome.requestIndex == outcome.sequence % 3)
            #expect(outcome.bodyText == targets[outcome.requestIndex])
        }
    }

    @Test func sendsTheEncodedRequestAsWritten() async throws {
        let server = try LoopbackHTTPServer()
        let request = try encodedRequest(server.port, method: .post, target: "/v2/models/m/infer?x=1", body: #"{"inputs":[1,2]}"#,
                                         headers: [(name: "X-Trace", value: "abc")])
        let record = try await runLoad(try plan(server.port, .closed(connections: 1), measured: LoadLength(requests: 3)),
                                       requests: [request])
        #expect(record.totals.measured.responses == 3)
        let received = try #require(server.lastRequest)
        #expect(received.method == "POST")
        #expect(received.target == "/v2/models/m/infer?x=1")
        #expect(received.header("Host") == "127.0.0.1:\(server.port)")
        #expect(received.header("Content-Type") == "application/json")
        #expect(received.header("x-trace") == "abc")
        #expect(received.bodyText == #"{"inputs":[1,2]}"#)
    }

    @Test func stopsAtTheMeasuredDurationAndFinishesTheRequestsItStarted() async throws {
        // Depends on: the server's 20 ms delay; the run measures 300 ms.
        let server = try LoopbackHTTPServer(reply: LoopbackReply(delay: .milliseconds(20)))
        let record = try await runLoad(try plan(server.port, .closed(connections: 2), warmup: LoadLength(duration: .milliseconds(50)),
                                                measured: LoadLength(duration: .milliseconds(300))),
                                       requests: [try encodedRequest(server.port)])
        let totals = record.totals
        #expect(totals.ending == .measuredDurationDone)
        #expect(totals.measured.started == totals.measured.responses)
        #expect(totals.measured.abandoned == 0)
        #expect(server.requestCount == totals.warmup.sent + totals.measured.sent)
        // At most 2 connections × 300 ms / 20 ms requests can start in the window.
        #expect(totals.measured.started >= 2 && totals.measured.started <= 32)
        #expect(totals.measuredNanoseconds >= 300_000_000)
        #expect(totals.measuredNanoseconds < 2_000_000_000)
    }

    @Test func servesIPv6Loopback() async throws {
        try #require(LoopbackHTTPServer.supportsIPv6, "this machine has no ::1")
        let server = try LoopbackHTTPServer(host: "::1")
        let record = try await runLoad(try plan(server.port, host: "::1", .closed(connections: 2), measured: LoadLength(requests: 20)),
                                       requests: [try encodedRequest(server.port, host: "[::1]")])
        #expect(record.totals.measured.responses == 20)
        #expect(server.requestCount == 20)
    }
}
