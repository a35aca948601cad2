import Testing
import HTTP
import GateTestSupport

/// One load spread over several loop threads, and their totals merged, as `wrk -t` does.
@Suite struct LoadSplitTests {
    @Test func splitsConnectionsAndCountsAsEvenlyAsTheyGo() throws {
        let base = try plan(8080, .closed(connections: 5), warmup: LoadLength(requests: 3, duration: .seconds(1)),
                            measured: LoadLength(requests: 11, duration: .seconds(9)))
        let parts = try LoadGenerator(plan: base, requests: try LoadRequests(fixed: try encodedRequest(8080))).split(into: 2)
        #expect(parts.map(\.plan.arrival) == [.closed(connections: 3), .closed(connections: 2)])
        #expect(parts.map(\.plan.measured) == [LoadLength(requests: 6, duration: .seconds(9)), LoadLength(requests: 5, duration: .seconds(9))])
        #expect(parts.map(\.plan.warmup) == [LoadLength(requests: 2, duration: .seconds(1)), LoadLength(requests: 1, duration: .seconds(1))])

        let open = try plan(8080, .open(rate: 300, maxConnections: 7), measured: LoadLength(duration: .seconds(1)))
        let openParts = try LoadGenerator(plan: open, requests: try LoadRequests(fixed: [1])).split(into: 3)
        #expect(openParts.map(\.plan.arrival) == [.open(rate: 100, maxConnections: 3), .open(rate: 100, maxConnections: 2),
                                                  .open(rate: 100, maxConnections: 2)])
    }

    @Test func makesNoEmptyParts() throws {
        let requests = try LoadRequests(fixed: [1])
        let oneConnection = try plan(8080, .closed(connections: 1), measured: LoadLength(requests: 100))
        #expect(try LoadGenerator(plan: oneConnection, requests: requests).split(into: 4).count == 1)
        let twoRequests = try plan(8080, .closed(connections: 8), measured: LoadLength(requests: 2))
        #expect(try LoadGenerator(plan: twoRequests, requests: requests).split(into: 4).count == 2)
        #expect(throws: LoadSetupError.self) { try LoadGenerator(plan: twoRequests, requests: requests).split(into: 0) }
    }

    @Test func partsOnTwoThreadsMakeTheWholeLoad() async throws {
        let server = try LoopbackHTTPServer()
        let whole = try LoadGenerator(plan: try plan(server.port, .closed(connections: 5), warmup: LoadLength(requests: 3),
                                                     measured: LoadLength(requests: 101)),
                                      requests: try LoadRequests(fixed: try encodedRequest(server.port)))
        let parts = try whole.split(into: 2)
        async let first = runLoad(parts[0])
        async let second = runLoad(parts[1])
        let records = try await [first, second]
        let totals = LoadTotals.merged(records.map(\.totals))
        #expect(totals.measured.responses == 101)
        #expect(totals.warmup.responses == 3)
        #expect(totals.connectionsOpened == 5)
        #expect(totals.ending == .measuredRequestsDone)
        #expect(totals.measuredNanoseconds == records.map(\.totals.measuredNanoseconds).max())
        #expect(server.requestCount == 104)
    }

    @Test func mergedEndingIsTheStrongestReason() async throws {
        let server = try LoopbackHTTPServer(reply: LoopbackReply(action: .neverAnswer))
        let cancelled = try await runLoad(try plan(server.port, .closed(connections: 1), measured: LoadLength(requests: 1)),
                                          requests: [try encodedRequest(server.port)], cancelAfter: .milliseconds(30))
        let counted = try await runLoad(try plan(server.port, .closed(connections: 1), measured: LoadLength(requests: 1),
                                                 requestTimeout: .milliseconds(30)),
                                        requests: [try encodedRequest(server.port)])
        #expect(cancelled.totals.ending == .cancelled)
        #expect(counted.totals.ending == .measuredRequestsDone)
        let merged = LoadTotals.merged([counted.totals, cancelled.totals])
        #expect(merged.ending == .cancelled)
        #expect(merged.measured.timeouts == 1 && merged.measured.abandoned == 1 && merged.measured.started == 2)
    }
}
