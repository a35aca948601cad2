import HTTP

/// A serving protocol's readiness endpoint: GET `path` (after the URL's own path); ready when the
/// status is 200 and the body agrees (TF Serving lists an `AVAILABLE` version). The latency gate's
/// managed server polls it until the server is ready or its time is up.
public struct ReadinessCheck: Sendable {
    public var path: String
    let bodyIsReady: @Sendable ([UInt8]) -> Bool

    init(path: String, bodyIsReady: @escaping @Sendable ([UInt8]) -> Bool = { _ in true }) {
        self.path = path
        self.bodyIsReady = bodyIsReady
    }

    /// What one readiness request found.
    public enum Outcome: Sendable, Equatable {
        case ready
        /// The server answered, but not ready (a 503 while loading, a model not yet AVAILABLE).
        case notReady(status: Int)
        /// No answer: refused (not listening yet), a timeout, a broken response.
        case unreachable(HTTPClientError)
    }

    /// Whether this response to the readiness GET says the server can take requests.
    public func isReady(_ response: HTTPResponse) -> Bool {
        response.status == 200 && bodyIsReady(response.body)
    }

    /// Sends the readiness GET once over `transport`.
    public func probe(_ transport: any HTTPTransport) async -> Outcome {
        do throws(HTTPClientError) {
            let response = try await transport.send(HTTPRequest(method: .get, target: transport.endpoint.appending(path)))
            return isReady(response) ? .ready : .notReady(status: response.status)
        } catch {
            return .unreachable(error)
        }
    }
}
