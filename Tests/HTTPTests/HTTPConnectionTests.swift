import Foundation
import HTTP
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The socket client against a loopback server: keep-alive, reconnects, framing, and every way a
/// request can fail, each reported as what happened.
@Suite struct HTTPConnectionTests {
    private func connection(_ server: LoopbackServer, readTimeout: Duration = .seconds(20)) throws -> HTTPConnection {
        let endpoint = try HTTPEndpoint.parse(server.url).get()
        return HTTPConnection(endpoint: endpoint, headers: [("Authorization", "Bearer t0ps3cret")],
                              limits: HTTPClientLimits(connectTimeout: .seconds(5), readTimeout: readTimeout))
    }

    private func post(_ body: String, mayResend: Bool = true) -> HTTPRequest {
        HTTPRequest(method: .post, target: "/infer", contentType: "application/json", body: Array(body.utf8), mayResend: mayResend)
    }

    private func failure(_ body: () throws(HTTPClientError) -> HTTPResponse) -> HTTPClientError? {
        do throws(HTTPClientError) {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func keepsOneConnectionForManyRequests() throws {
        let server = try LoopbackServer { request in [.send(okResponse("{\"n\":\(request.index)}"))] }
        defer { server.stop() }
        let client = try connection(server)
        for n in 1...3 {
            let response = try client.send(post("{}"))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "{\"n\":\(n)}")
            #expect(response.contentType == "application/json")
        }
        #expect(client.connectionsOpened == 1)
        #expect(server.connections == 1)
        #expect(server.requests.first?.head.hasPrefix("POST /infer HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n") == true)
        #expect(server.requests.first?.head.contains("Authorization: Bearer t0ps3cret") == true)
    }

    @Test func resolvesAHostNameAndTriesEachAddress() throws {
        // localhost may resolve to ::1 first, where nothing listens: the next address is tried.
        let server = try LoopbackServer { _ in [.send(okResponse("1"))] }
        defer { server.stop() }
        let client = HTTPConnection(endpoint: try HTTPEndpoint.parse("http://localhost:\(server.port)").get())
        #expect(try client.send(post("{}")).status == 200)
        #expect(server.requests.first?.head.contains("Host: localhost:\(server.port)\r\n") == true)
    }

    @Test func opensANewConnectionWhenTheServerClosedTheIdleOne() throws {
        // The server answers, then closes without saying so: the next request must not fail.
        let server = try LoopbackServer { _ in [.send(okResponse("1")), .close] }
        defer { server.stop() }
        let client = try connection(server)
        #expect(try client.send(post("{}")).status == 200)
        // Wait until the server has closed its end, so this test checks the idle check (and not
        // the resend after a close that races the request).
        let deadline = ContinuousClock.now + .seconds(10)
        while server.closedConnections == 0, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.005) }
        #expect(try client.send(post("{}")).status == 200)
        #expect(client.connectionsOpened == 2)
        #expect(client.resentRequests == 0)
    }

    @Test func resendsOnceWhenTheServerClosedBeforeAnsweringAndTheRequestAllowsIt() throws {
        // The first connection answers its first request and drops the second unanswered.
        let server = try LoopbackServer { request in
            request.connection == 1 && request.index == 2 ? [.close] : [.send(okResponse("ok"))]
        }
        defer { server.stop() }
        let client = try connection(server)
        #expect(try client.send(post("a")).status == 200)
        #expect(try client.send(post("b")).status == 200)
        #expect(client.resentRequests == 1)
        #expect(server.requests.map(\.body) == ["a", "b", "b"])
    }

    @Test func doesNotResendARequestThatForbidsIt() throws {
        let server = try LoopbackServer { request in
            request.connection == 1 && request.index == 2 ? [.close] : [.send(okResponse("ok"))]
        }
        defer { server.stop() }
        let client = try connection(server)
        _ = try client.send(post("a"))
        let error = failure { () throws(HTTPClientError) in try client.send(post("b", mayResend: false)) }
        #expect(error == .closedBeforeResponse(endpoint: "127.0.0.1:\(server.port)"))
        #expect(client.resentRequests == 0)
    }

    static let partial = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"

    @Test func neverResendsOnceAnyOfTheResponseArrived() throws {
        let server = try LoopbackServer { request in
            request.index == 2 ? [.send(Self.partial), .close] : [.send(okResponse("ok"))]
        }
        defer { server.stop() }
        let client = try connection(server)
        _ = try client.send(post("a"))
        let error = failure { () throws(HTTPClientError) in try client.send(post("b")) }
        let ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\nok"
        #expect(error == .closedMidResponse(offset: ok.utf8.count + Self.partial.utf8.count, expected: "7 more body bytes (Content-Length)"))
        #expect(error.map { "\($0)" }?.contains("closed the connection mid-response at byte") == true)
        #expect(client.resentRequests == 0)
    }

    @Test func readsChunkedBodiesAndBodiesUntilClose() throws {
        let server = try LoopbackServer { request in
            request.body == "chunked"
                ? [.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n"), .pause(milliseconds: 20),
                   .send("3\r\n:1}\r\n0\r\n\r\n")]
                : [.send("HTTP/1.0 200 OK\r\n\r\n[1,2]"), .close]
        }
        defer { server.stop() }
        let client = try connection(server)
        #expect(String(decoding: try client.send(post("chunked")).body, as: UTF8.self) == "{\"a\":1}")
        #expect(String(decoding: try client.send(post("close")).body, as: UTF8.self) == "[1,2]")
        #expect(String(decoding: try client.send(post("chunked")).body, as: UTF8.self) == "{\"a\":1}")
        #expect(client.connectionsOpened == 2)
    }

    @Test func aServerThatNeverAnswersTimesOut() throws {
        // Depends only on the client's clock: the server holds the connection open and silent.
        let server = try LoopbackServer { _ in [.hang] }
        defer { server.stop() }
        let client = try connection(server, readTimeout: .milliseconds(300))
        let start = ContinuousClock.now
        let error = failure { () throws(HTTPClientError) in try client.send(post("{}")) }
        #expect(error == .readTimedOut(seconds: 0.3, receivedBytes: 0))
        #expect(error.map { "\($0)" } == "timeout after 0.3 s: no complete response (0 bytes of it received)")
        #expect(ContinuousClock.now - start >= .milliseconds(300))
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func aClosedPortIsConnectionRefused() throws {
        let endpoint = HTTPEndpoint(scheme: .http, host: "127.0.0.1", port: LoopbackServer.unusedPort())
        let client = HTTPConnection(endpoint: endpoint)
        let error = failure { () throws(HTTPClientError) in try client.send(post("{}")) }
        #expect(error == .connectRefused(endpoint: endpoint.authority))
        #expect(error.map { "\($0)" }?.contains("refused") == true)
    }

    @Test func aMalformedResponseIsLocatedByByteOffset() throws {
        let server = try LoopbackServer { _ in [.send("HTTP/1.1 2x0 OK\r\n\r\n")] }
        defer { server.stop() }
        let client = try connection(server)
        let error = failure { () throws(HTTPClientError) in try client.send(post("{}")) }
        guard case .invalidResponse(let parse) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(parse.offset == 10)
        #expect("\(error!)".hasPrefix("invalid response: HTTP response, byte 10: expected"))
    }

    @Test func aResponseOverTheSizeCapIsRefused() throws {
        let server = try LoopbackServer { _ in [.send(okResponse(String(repeating: "x", count: 100)))] }
        defer { server.stop() }
        let endpoint = try HTTPEndpoint.parse(server.url).get()
        let client = HTTPConnection(endpoint: endpoint, limits: HTTPClientLimits(parser: HTTPParserLimits(maxBodyBytes: 50)))
        let error = failure { () throws(HTTPClientError) in try client.send(post("{}")) }
        guard case .invalidResponse(let parse) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(parse.problem == .bodyTooLarge(limit: 50))
    }

    @Test func aCancelledTaskStopsWaitingBeforeItsTimeout() async throws {
        // The server never answers and the read timeout is 60 s: only the cancellation can end
        // the wait. It is noticed within 100 ms; the bound below leaves room for a busy machine.
        let server = try LoopbackServer { _ in [.hang] }
        defer { server.stop() }
        let transport = SocketTransport(endpoint: try HTTPEndpoint.parse(server.url).get(),
                                        limits: HTTPClientLimits(readTimeout: .seconds(60)))
        let task = Task { () -> HTTPClientError? in
            do throws(HTTPClientError) {
                _ = try await transport.send(post("{}"))
                return nil
            } catch {
                return error
            }
        }
        // Cancel once the request is on the wire, so the wait being cut is the read.
        while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        let start = ContinuousClock.now
        task.cancel()
        #expect(await task.value == .cancelled)
        #expect(ContinuousClock.now - start < .seconds(30))
        await transport.close()
    }
}
