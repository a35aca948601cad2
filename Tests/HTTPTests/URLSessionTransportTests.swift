import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import HTTP
import Testing

/// The URLSession transport (what `https://` uses) behind the same protocol as the socket client:
/// exercised over plain HTTP on loopback, since tests have no certificate to trust.
@Suite struct URLSessionTransportTests {
    @Test func sendsHeadersAndBodyAndSaysWhichClientItIs() async throws {
        let server = try LoopbackServer { request in [.send(okResponse("{\"echo\":\(request.body)}"))] }
        defer { server.stop() }
        let transport: any HTTPTransport = URLSessionTransport(endpoint: try HTTPEndpoint.parse(server.url).get(),
                                                               headers: [("X-Token", "abc123")])
        let response = try await transport.send(HTTPRequest(method: .post, target: "/p", contentType: "application/json",
                                                            body: Array("[1]".utf8)))
        await transport.close()
        #expect(transport.clientName == "URLSession")
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "{\"echo\":[1]}")
        let head = try #require(server.requests.first?.head)
        #expect(head.hasPrefix("POST /p HTTP/1.1"))
        #expect(head.lowercased().contains("x-token: abc123"))
    }

    /// On Linux a TLS failure arrives as error -1 with curl's words as the only cause: the error
    /// keeps them, shortened and without control characters (a terminal escape cannot ride along).
    @Test func curlsCauseIsKeptShortAndPrintable() {
        let endpoint = HTTPEndpoint(scheme: .https, host: "127.0.0.1", port: 8443)
        let cause = "SSL certificate problem: self-signed certificate\n\u{1B}[31m" + String(repeating: "x", count: 500)
        let error = URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: cause])
        guard case let .transport(message) = URLSessionTransport.describe(error, endpoint: endpoint, limits: HTTPClientLimits()) else {
            Issue.record("not a transport error")
            return
        }
        #expect(message.contains("(URLSession error -1: SSL certificate problem: self-signed certificate "), "\(message)")
        #expect(!message.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(message.count < 300, "\(message.count) characters")
        let silent = URLError(.unknown)
        #expect(URLSessionTransport.describe(silent, endpoint: endpoint, limits: HTTPClientLimits())
                == .transport("https request to \(endpoint) failed (URLSession error -1)"))
    }

    @Test func aRefusedConnectionIsAConnectError() async throws {
        let endpoint = HTTPEndpoint(scheme: .http, host: "127.0.0.1", port: LoopbackServer.unusedPort())
        let transport = URLSessionTransport(endpoint: endpoint, limits: HTTPClientLimits(connectTimeout: .seconds(5), readTimeout: .seconds(5)))
        do throws(HTTPClientError) {
            _ = try await transport.send(HTTPRequest(method: .get, target: "/"))
            Issue.record("answered")
        } catch {
            #expect(error == .connectFailed(endpoint: endpoint.authority, reason: "URLSession could not connect"), "\(error)")
        }
        await transport.close()
    }
}
