import HTTP
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
