import HTTP
import ModelGate
@testable import Predictors
import Testing

/// The readiness check the latency gate's managed server polls: ready, not yet, or unreachable.
@Suite struct ReadinessCheckTests {
    @Test func aProbeSaysReadyNotReadyOrUnreachable() async throws {
        let server = try LoopbackServer { request in
            request.head.hasPrefix("GET /base/v2/health/ready ") && request.index > 1
                ? [.send(okResponse(""))]
                : [.send("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")]
        }
        defer { server.stop() }
        let http = HTTPPredictorConfig(url: try HTTPEndpoint.parse(server.url + "/base").get(), serving: .kserveV2, model: "m")
        let check = try #require(HTTPPredictor.readiness(for: http, inputs: ["a"]))
        let transport = HTTPPredictor.transport(for: http)
        #expect(await check.probe(transport) == .notReady(status: 503))
        #expect(await check.probe(transport) == .ready)
        await transport.close()
        let endpoint = HTTPEndpoint(scheme: .http, host: "127.0.0.1", port: LoopbackServer.unusedPort())
        let closed = SocketTransport(endpoint: endpoint)
        #expect(await check.probe(closed) == .unreachable(.connectRefused(endpoint: endpoint.authority)))
        await closed.close()
    }
}
