/// One request for a transport: method, origin-form target, body. Headers common to every
/// request (authorization, tracing) belong to the transport, so they are checked and encoded once.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// `/v2/models/m/infer`: the path and query, starting with `/`.
    public var target: String
    public var contentType: String?
    public var body: [UInt8]
    /// Whether the request may be sent a second time on a fresh connection when a kept-alive
    /// one turns out to have been closed by the server before a byte of the response arrived.
    /// GETs may; a POST only when its caller knows it changes nothing (a prediction).
    public var mayResend: Bool

    public init(method: HTTPMethod, target: String, contentType: String? = nil, body: [UInt8] = [], mayResend: Bool? = nil) {
        self.method = method
        self.target = target
        self.contentType = contentType
        self.body = body
        self.mayResend = mayResend ?? (method == .get)
    }
}
