import Testing
import HTTP
import GateTestSupport

/// Latencies against a server whose delays are known, bodies however they are framed, and the
/// open model's correction for coordinated omission.
@Suite struct LoadLatencyTests {
    @Test func measuresAtLeastTheServersFixedDelay() async throws {
        // Depends on: the server waiting 20 ms before each answer (never less; a busy machine
        // only adds). The median bound is loose on purpose.
        let server = try LoopbackHTTPServer(reply: LoopbackReply(delay: .milliseconds(20)))
        let record = try await runLoad(try plan(server.port, .closed(connections: 4), warmup: LoadLength(requests: 4),
                                                measured: LoadLength(requests: 40)),
                                       requests: [try encodedRequest(server.port)])
        let latencies = record.sortedLatencies
        #expect(latencies.count == 40)
        #expect(latencies.first! >= 20_000_000)
        #expect(quantile(latencies, 0.5) < 80_000_000)
    }

    @Test func readsASlowBodyToItsEnd() async throws {
        // Depends on: 3 pauses of 30 ms between the body's 4 pieces.
        let body = String((0..<1000).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
        let server = try LoopbackHTTPServer(reply: LoopbackReply(body: body, pieces: 4, pause: .milliseconds(30)))
        let record = try await runLoad(try plan(server.port, .closed(connections: 2), measured: LoadLength(requests: 4)),
                                       requests: [try encodedRequest(server.port)])
        #expect(record.outcomes.count == 4)
        #expect(record.outcomes.allSatisfy { $0.bodyText == body && $0.latency >= 90_000_000 })
    }

    @Test func joinsChunkedBodiesSentInPieces() async throws {
        let body = #"{"outputs":[{"name":"y","data":[0.25,0.75,0.5]}]}"#
        let server = try LoopbackHTTPServer(reply: LoopbackReply(body: body, framing: .chunked, pieces: 3, pause: .milliseconds(5)))
        let record = try await runLoad(try plan(server.port, .closed(connections: 2), measured: LoadLength(requests: 10)),
                                       requests: [try encodedRequest(server.port)])
        #expect(record.totals.measured.responses == 10)
        #expect(record.outcomes.allSatisfy { $0.bodyText == body })
        #expect(record.totals.connectionsOpened == 2, "chunked responses keep the connection")
    }

    @Test func endsABodyWithoutLengthAtTheServersClose() async throws {
        let server = try LoopbackHTTPServer(reply: LoopbackReply(body: "until close", framing: .untilClose))
        let record = try await runLoad(try plan(server.port, .closed(connections: 2), measured: LoadLength(requests: 6)),
                                       requests: [try encodedRequest(server.port)])
        #expect(record.totals.measured.responses == 6)
        #expect(record.outcomes.allSatisfy { $0.bodyText == "until close" && $0.status == 200 })
        #expect(record.totals.connectionsOpened == 6)
    }

    @Test func sendsOpenModelRequestsAtTheirDueTimes() async throws {
        // Depends on: 40 requests at 200 per second are due over 195 ms.
        let server = try LoopbackHTTPServer()
        let record = try await runLoad(try plan(server.port, .open(rate: 200, maxConnections: 4), measured: LoadLength(requests: 40)),
                                       requests: [try encodedRequest(server.port)])
        #expect(record.totals.measured.responses == 40)
        #expect(server.requestCount == 40)
        #expect(record.totals.measuredNanoseconds >= 195_000_000)
        #expect(record.totals.connectionsOpened <= 4)
        #expect(record.outcomes.map(\.sequence).sorted() == Array(0..<40))
    }

    @Test func stopsTheOpenModelAtItsDurationWithTheRightCount() async throws {
        // Depends on: 100 per second over 250 ms: requests 0 to 24 are due inside the window.
        let server = try LoopbackHTTPServer()
        let record = try await runLoad(try plan(server.port, .open(rate: 100, maxConnections: 4), warmup: LoadLength(requests: 5),
                                                measured: LoadLength(duration: .milliseconds(250))),
                                       requests: [try encodedRequest(server.port)])
        #expect(record.totals.ending == .measuredDurationDone)
        #expect(record.totals.measured.started == 25)
        #expect(record.totals.measured.responses == 25)
        #expect(server.requestCount == 30)
    }

    @Test func countsLatencyFromTheDueTimeSoAStallShowsInTheTail() async throws {
        // Coordinated omission: one connection at 50 per second; the server stalls for 1 s at its
        // 5th request. Requests due during the stall wait for the connection; measured from their
        // due times about 25 of them take 0.5 s or more, while measured from when they could be
        // sent only the one caught by the stall does. Depends on: the 1 s stall, 20 ms spacing.
        let server = try LoopbackHTTPServer { number, _ in LoopbackReply(stall: number == 5 ? .seconds(1) : .zero) }
        let record = try await runLoad(try plan(server.port, .open(rate: 50, maxConnections: 1), measured: LoadLength(requests: 75)),
                                       requests: [try encodedRequest(server.port)])
        #expect(record.totals.measured.responses == 75)
        let slow = record.measured.filter { $0.latency >= 500_000_000 }
        let slowFromSend = record.measured.filter { $0.latency - ($0.sendLag ?? 0) >= 500_000_000 }
        #expect(slow.count >= 15, "\(slow.count) latencies of 0.5 s or more")
        #expect(slowFromSend.count == 1)
        #expect(quantile(record.sortedLatencies, 0.99) >= 900_000_000)
        #expect(record.totals.connectionsOpened == 1)
    }

    @Test func failsRequestsThatWaitForAConnectionLongerThanTheTimeout() async throws {
        // Depends on: a 100 ms request timeout against a server that never answers, one
        // connection, 400 requests per second over 150 ms. A request waiting behind one that
        // times out has waited its own timeout less 2.5 ms, plus up to 10 ms until the timeout
        // is seen, so some are sent and some expire unsent.
        let server = try LoopbackHTTPServer(reply: LoopbackReply(action: .neverAnswer))
        let record = try await runLoad(try plan(server.port, .open(rate: 400, maxConnections: 1), measured: LoadLength(requests: 60),
                                                requestTimeout: .milliseconds(100)),
                                       requests: [try encodedRequest(server.port)])
        let failures = record.outcomes.compactMap(\.failure)
        #expect(record.totals.measured.timeouts == 60)
        #expect(failures.contains(.timeout(.response)))
        #expect(failures.contains(.timeout(.backlog)))
        #expect(record.outcomes.allSatisfy { $0.latency >= 100_000_000 })
        #expect(record.outcomes.filter { $0.failure == .timeout(.backlog) }.allSatisfy { $0.sendLag == nil })
        #expect(server.requestCount == record.totals.measured.sent)
    }
}
