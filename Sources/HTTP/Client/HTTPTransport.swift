/// What sends requests to one endpoint and returns whole responses: the socket client for
/// `http://`, URLSession for `https://`. Their timings differ (URLSession adds its own queues and
/// TLS), so whatever reports a measurement says which one made it (`clientName`).
public protocol HTTPTransport: Sendable {
    /// `socket` or `URLSession`, for reports and logs.
    var clientName: String { get }
    var endpoint: HTTPEndpoint { get }
    /// Sends one request and waits for its whole response (any status: a 500 is an answer, and
    /// the caller decides what it means).
    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse
    /// How many requests were sent again on a fresh connection because the server had closed a
    /// kept-alive one before answering (see `HTTPRequest.mayResend`).
    var resentRequests: Int { get }
    /// Closes what is open; the transport may not be used afterwards.
    func close() async
}
