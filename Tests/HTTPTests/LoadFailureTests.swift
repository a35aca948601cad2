import Testing
import Foundation
import HTTP
import GateTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every way a request can fail is counted under its own kind, the connection is reopened, and
/// the run goes on; 4xx and 5xx are responses whose status the caller sees.
@Suite struct LoadFailureTests {
    @Test func countsARefusedPortAsConnectFailures() async throws {
        // A socket bound but not listening holds the port: connecting to it is refused, and no
        // other test can take the port meanwhile.
        let holder = try RawSocket(listeningWithBacklog: nil)
        let port = holder.port
        let record = try await runLoad(try plan(port, .closed(connections: 2), measured: LoadLength(requests: 12)),
                                       requests: [try encodedRequest(port)])
        #expect(record.totals.ending == .measuredRequestsDone)
        #expect(record.totals.measured.connectFailures == 12)
        #expect(record.totals.measured.failures == 12)
        #expect(record.totals.measured.sent == 0)
        #expect(record.totals.connectionsOpened == 0)
        #expect(record.outcomes.allSatisfy { $0.failure == .connect(errno: ECONNREFUSED) && $0.sendLag == nil })
        withExtendedLifetime(holder) {}
    }

    @Test func timesOutConnectingToAListenerWhoseQueueIsFull() async throws {
        // A listener with a backlog of 0 that never accepts: once its queue holds a connection,
        // the kernel drops further SYNs, so those connects hang until the connect timeout.
        // Depends on: Linux's handling of a full accept queue; a 200 ms connect timeout.
        let listener = try RawSocket(listeningWithBacklog: 0)
        let port = listener.port
        var connectTimeoutPlan = try plan(port, .closed(connections: 4), measured: LoadLength(requests: 4),
                                          requestTimeout: .milliseconds(400))
        connectTimeoutPlan.connectTimeout = .milliseconds(200)
        let record = try await runLoad(connectTimeoutPlan, requests: [try encodedRequest(port)])
        let failures = record.outcomes.compactMap(\.failure)
        #expect(failures.count == 4)
        #expect(failures.contains(.timeout(.connect)))
        #expect(record.totals.measured.timeouts == 4)
        #expect(record.outcomes.filter { $0.failure == .timeout(.connect) }.allSatisfy { $0.latency >= 200_000_000 && $0.sendLag == nil })
        withExtendedLifetime(listener) {}
    }

    @Test func timesOutOnAServerThatNeverAnswers() async throws {
        // Depends on: a 150 ms request timeout, checked every 10 ms.
        let server = try LoopbackHTTPServer(reply: LoopbackReply(action: .neverAnswer))
        let record = try await runLoad(try plan(server.port, .closed(connections: 2), measured: LoadLength(requests: 4),
                                                requestTimeout: .milliseconds(150)),
                                       requests: [try encodedRequest(server.port)])
        #expect(record.totals.measured.timeouts == 4)
        #expect(record.totals.measured.sent == 4)
        #expect(server.requestCount == 4)
        #expect(record.outcomes.allSatisfy { $0.failure == .timeout(.response) && $0.latency >= 150_000_000 })
        // Each timed-out connection is dropped: the second round needed new ones.
        #expect(record.totals.connectionsOpened == 4)
    }

    @Test func countsACloseMidResponseApartFromACloseBeforeAnswering() async throws {
        let server = try LoopbackHTTPServer { number, _ in
            switch number % 3 {
            case 1: return LoopbackReply(body: String(repeating: "x", count: 100), action: .closeMidResponse)
            case 2: return LoopbackReply(action: .closeWithoutAnswer)
            default: return LoopbackReply()
            }
        }
        let record = try await runLoad(try plan(server.port, .closed(connections: 1), measured: LoadLength(requests: 9)),
                                       requests: [try encodedRequest(server.port)])
        let failures = record.outcomes.compactMap(\.failure)
        #expect(failures.filter { $0 == .closed(midResponse: true) }.count == 3)
        #expect(failures.filter { $0 == .closed(midResponse: false) }.count == 3)
        #expect(record.totals.measured.closedConnections == 6)
        #expect(record.totals.measured.responses == 3)
        #expect(server.requestCount == 9)
        #expect(record.totals.connectionsOpened == 7, "each close is followed by a new connection")
    }

    @Test func countsAnInvalidResponseAndReconnects() async throws {
        let server = try LoopbackHTTPServer { number, _ in
            number % 2 == 1 ? LoopbackReply(action: .raw(Array("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n".utf8)))
                : LoopbackReply()
        }
        let record = try await runLoad(try plan(server.port, .closed(connections: 1), measured: LoadLength(requests: 6)),
                                       requests: [try encodedRequest(server.port)])
        #expect(record.totals.measured.invalidResponses == 3)
        #expect(record.totals.measured.responses == 3)
        #expect(record.outcomes.filter { $0.sequence % 2 == 0 }.allSatisfy {
            if case .invalidResponse(let error) = $0.failure { return error.problem == .invalidContentLength }
            return false
        })
        #expect(record.totals.connectionsOpened == 4)
    }

    @Test func reportsClientAndServerErrorsAsResponsesWithTheirStatus() async throws {
        let server = try LoopbackHTTPServer { number, _ in
            number % 3 == 0 ? LoopbackReply(status: 500, body: "{}") : number % 3 == 1 ? LoopbackReply(status: 404) : LoopbackReply()
        }
        let record = try await runLoad(try plan(server.port, .closed(connections: 1), measured: LoadLength(requests: 12)),
                                       requests: [try encodedRequest(server.port)])
        let totals = record.totals.measured
        #expect(totals.responses == 12 && totals.failures == 0)
        #expect(totals.serverErrors == 4 && totals.clientErrors == 4)
        #expect(record.outcomes.map(\.status) == (1...12).map { $0 % 3 == 0 ? 500 : $0 % 3 == 1 ? 404 : 200 })
    }

    @Test func countsResponsesTheCallerRejectsAsWrongAnswers() async throws {
        let server = try LoopbackHTTPServer { number, _ in
            LoopbackReply(contentType: number % 4 == 0 ? "text/html" : "application/json")
        }
        let record = try await runLoad(try plan(server.port, .closed(connections: 2), measured: LoadLength(requests: 20)),
                                       requests: [try encodedRequest(server.port)]) { outcome in
            outcome.contentType == "application/json" ? .proceed : .wrongAnswer()
        }
        #expect(record.totals.measured.wrongAnswers == 5)
        #expect(record.totals.measured.responses == 20)
        #expect(record.totals.ending == .measuredRequestsDone)
    }

    @Test func dropsAConnectionThatSendsMoreThanOneResponse() async throws {
        let twice = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        let server = try LoopbackHTTPServer(reply: LoopbackReply(action: .raw(Array(twice.utf8))))
        let record = try await runLoad(try plan(server.port, .closed(connections: 1), measured: LoadLength(requests: 3)),
                                       requests: [try encodedRequest(server.port)])
        #expect(record.totals.measured.responses == 3)
        #expect(record.outcomes.allSatisfy { $0.bodyText == "ok" })
        #expect(record.totals.unsolicitedBytes == 3)
        #expect(record.totals.connectionsOpened == 3)
    }

    @Test func refusesAPlanThatCannotRun() throws {
        let endpoint = try LoadEndpoint(host: "127.0.0.1", port: 80)
        let requests = try LoadRequests(fixed: Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        let bad: [LoadPlan] = [
            LoadPlan(endpoint: endpoint, arrival: .closed(connections: 0), measured: LoadLength(requests: 1)),
            LoadPlan(endpoint: endpoint, arrival: .open(rate: 0, maxConnections: 1), measured: LoadLength(requests: 1)),
            LoadPlan(endpoint: endpoint, arrival: .open(rate: .nan, maxConnections: 1), measured: LoadLength(requests: 1)),
            LoadPlan(endpoint: endpoint, arrival: .closed(connections: 1), measured: .none),
            LoadPlan(endpoint: endpoint, arrival: .closed(connections: 1), measured: LoadLength(requests: 0)),
            LoadPlan(endpoint: endpoint, arrival: .closed(connections: 1), measured: LoadLength(duration: .zero)),
            LoadPlan(endpoint: endpoint, arrival: .closed(connections: 1), measured: LoadLength(requests: 1), requestTimeout: .zero),
        ]
        for plan in bad {
            #expect(throws: LoadSetupError.self) { try LoadGenerator(plan: plan, requests: requests) }
        }
        #expect(throws: LoadSetupError.noRequests) { try LoadRequests(cycling: []) }
        #expect(throws: LoadSetupError.noRequests) { try LoadRequests(cycling: [[]]) }
        for host in ["example.com", "127.0.0", "::g", ""] {
            #expect(throws: LoadSetupError.self) { try LoadEndpoint(host: host, port: 80) }
        }
        #expect(throws: LoadSetupError.self) { try LoadEndpoint(host: "127.0.0.1", port: 0) }
        #expect(try LoadEndpoint(host: "[::1]", port: 8080).description == "[::1]:8080")
        #expect(try LoadEndpoint(host: "localhost", port: 8080).isLoopback)
        #expect(try !LoadEndpoint(host: "10.0.0.1", port: 8080).isLoopback)
    }
}
