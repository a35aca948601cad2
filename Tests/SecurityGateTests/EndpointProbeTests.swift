import Foundation
import GateTestSupport
import ModelGate
import Testing
@testable import SecurityGate

/// The endpoint probes against loopback servers that behave, and that do not.
@Suite struct EndpointProbeTests {
    static let token = "s3cr3t-T0ken-for-probes"
    static let answer = #"{"outputs":[{"name":"score","shape":[1],"datatype":"FP64","data":[0.5]}]}"#

    /// A server that checks the token, validates its input and says nothing about itself.
    static func careful() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { _, request in
            guard request.header("Authorization") == "Bearer \(token)" else { return LoopbackReply(status: 401, body: "{}") }
            guard request.body.count < 1 << 20 else { return LoopbackReply(status: 413, body: "{}") }
            let text = request.bodyText
            guard text.hasPrefix("{\"inputs\""), text.hasSuffix("}"), text.contains("\"data\":[1"), !text.contains("NaN"), !text.contains("not-a-number") else {
                return LoopbackReply(status: 400, body: #"{"error":"bad request"}"#)
            }
            return LoopbackReply(body: answer)
        }
    }

    /// A server that answers anyone, breaks on bad input with a stack trace, and names its framework.
    static func careless() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { _, request in
            let text = request.bodyText
            let good = text.hasPrefix("{\"inputs\"") && text.contains("\"data\":[1")
            let body = good ? answer : "Traceback (most recent call last):\n  File \"/srv/app.py\", line 12\nValueError"
            let head = "HTTP/1.1 \(good ? "200 OK" : "500 Internal Server Error")\r\nServer: Werkzeug/2.0.1 Python/3.9.7\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
            return LoopbackReply(action: .raw(Array((head + body).utf8)))
        }
    }

    func run(_ server: LoopbackHTTPServer) async throws -> GateResult {
        let space = try GateWorkspace([:], gate: SecurityGate.self)
        space.environment = ["MODEL_TOKEN": Self.token]
        space.candidate = "{name: m, version: '1', predictor: {type: http, url: 'http://127.0.0.1:\(server.port)', protocol: kserve-v2, model: m, inputs: [x], headers: {Authorization: 'Bearer ${MODEL_TOKEN}'}}}"
        return try await space.run("endpoint: true\nprobe_timeout: 5s")
    }

    @Test func aCarefulEndpointPasses() async throws {
        let result = try await run(try Self.careful())
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        #expect(result.status == .pass, "\(result.error ?? "")")
    }

    @Test func aCarelessEndpointIsFoundOut() async throws {
        let result = try await run(try Self.careless())
        let rules = Set(result.findings.map(\.rule))
        #expect(rules.contains("endpoint.unauthenticated"))
        #expect(rules.contains("endpoint.server-error-on-bad-input"))
        #expect(rules.contains("endpoint.information-leak"))
        #expect(result.status == .fail)
        let report = result.findings.map(\.message).joined()
        #expect(!report.contains(Self.token))
    }

    @Test func aRemoteEndpointIsNotProbed() async throws {
        let space = try GateWorkspace([:], gate: SecurityGate.self)
        space.candidate = "{name: m, version: '1', predictor: {type: http, url: 'http://192.0.2.7:8080', protocol: kserve-v2, model: m, inputs: [x]}}"
        let result = try await space.run("endpoint: true")
        #expect(result.findings.map(\.rule) == ["endpoint.no-tls"])
        #expect(result.log?.contains("not probed") == true)
    }

    @Test func endpointNeedsAnHTTPPredictor() throws {
        let space = try GateWorkspace([:], gate: SecurityGate.self)
        let error = try #require(space.configError("endpoint: true"))
        #expect(error.message.contains("predictor"), "\(error.message)")
    }
}
