import Testing
import Foundation
import HTTP
import GateTestSupport

/// The test server itself: many connections at once, and a stop that ends every thread even
/// when they are blocked in a delay, a stall or a read.
@Suite struct LoopbackHTTPServerTests {
    @Test func servesSixtyFourConnectionsAtOnce() async throws {
        let server = try LoopbackHTTPServer(reply: LoopbackReply(delay: .milliseconds(5)))
        let record = try await runLoad(try plan(server.port, .closed(connections: 64), measured: LoadLength(requests: 640)),
                                       requests: [try encodedRequest(server.port)])
        #expect(record.totals.measured.responses == 640)
        #expect(record.totals.connectionsOpened == 64)
        #expect(server.connectionsAccepted == 64)
        #expect(server.requestCount == 640)
        #expect(server.stop())
        #expect(server.openConnections == 0)
    }

    @Test func stopsPromptlyWhileConnectionsWaitInDelaysAndStalls() async throws {
        // Depends on: delays (60 s) and a stall (60 s) far longer than the 5 s the stop may take.
        let server = try LoopbackHTTPServer { number, _ in
            number == 1 ? LoopbackReply(stall: .seconds(60)) : LoopbackReply(delay: .seconds(60))
        }
        let record = try await runLoad(try plan(server.port, .closed(connections: 4), measured: LoadLength(requests: 4),
                                                requestTimeout: .seconds(30)),
                                       requests: [try encodedRequest(server.port)], cancelAfter: .milliseconds(100))
        #expect(record.totals.ending == .cancelled)
        let began = Date()
        #expect(server.stop())
        #expect(Date().timeIntervalSince(began) < 5)
        #expect(server.openConnections == 0)
    }

    @Test func stopsWithAClientStillConnectedAndWaiting() throws {
        let server = try LoopbackHTTPServer(reply: LoopbackReply(action: .neverAnswer))
        let client = try RawSocket(connectingTo: server.port)
        let request = try encodedRequest(server.port)
        #expect(client.send(request) == request.count)
        #expect(eventually { server.requestCount == 1 && server.openConnections == 1 })
        let began = Date()
        #expect(server.stop())
        #expect(server.stop(), "stopping twice is harmless")
        #expect(Date().timeIntervalSince(began) < 5)
        #expect(server.openConnections == 0)
        #expect(client.receiveByte() == 0, "the client sees the server close")
    }
}
