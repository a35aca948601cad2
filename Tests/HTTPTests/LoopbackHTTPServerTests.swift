import Testing
import Foundation
import HTTP
import GateTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(client) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(server.port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafeBytes(of: &address) {
            connect(client, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t($0.count))
        }
        try #require(connected == 0)
        let request = try encodedRequest(server.port)
        #expect(request.withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) } == request.count)
        #expect(eventually { server.requestCount == 1 && server.openConnections == 1 })
        let began = Date()
        #expect(server.stop())
        #expect(server.stop(), "stopping twice is harmless")
        #expect(Date().timeIntervalSince(began) < 5)
        #expect(server.openConnections == 0)
        var byte: UInt8 = 0
        #expect(recv(client, &byte, 1, 0) == 0, "the client sees the server close")
    }
}
