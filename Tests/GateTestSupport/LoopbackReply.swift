/// What the loopback test server does with one request: each test scripts its replies, so a
/// server can be slow, fail, stall, or break HTTP on cue.
public struct LoopbackReply: Sendable {
    public enum Framing: Sendable {
        case contentLength
        /// Transfer-Encoding: chunked, one chunk per piece.
        case chunked
        /// No length: the body ends when the server closes the connection.
        case untilClose
    }

    public enum Action: Sendable {
        case answer
        /// Sends the head and half the body, then closes.
        case closeMidResponse
        /// Reads the request and closes without a byte of answer.
        case closeWithoutAnswer
        /// Reads the request and never answers; the connection stays open until the client
        /// closes it or the server stops.
        case neverAnswer
        /// Sends these bytes as the answer (anything, valid HTTP or not), then goes on reading.
        case raw([UInt8])
    }

    public var status: Int
    public var contentType: String?
    public var body: [UInt8]
    /// Waited before the head is sent.
    public var delay: Duration
    public var framing: Framing
    /// A slow body: sent in this many pieces of nearly equal size...
    public var pieces: Int
    /// ...with this pause before each piece after the first.
    public var pause: Duration
    /// Says `Connection: close` and closes after the response.
    public var closesConnection: Bool
    /// Stalls the whole server: no connection answers anything for this long from when this
    /// request arrived (this reply included), as a server does in a garbage-collection pause.
    public var stall: Duration
    public var action: Action

    public init(status: Int = 200, contentType: String? = "application/json", body: String = #"{"ok":true}"#,
                delay: Duration = .zero, framing: Framing = .contentLength, pieces: Int = 1, pause: Duration = .zero,
                closesConnection: Bool = false, stall: Duration = .zero, action: Action = .answer) {
        self.status = status
        self.contentType = contentType
        self.body = Array(body.utf8)
        self.delay = delay
        self.framing = framing
        self.pieces = max(pieces, 1)
        self.pause = pause
        self.closesConnection = closesConnection
        self.stall = stall
        self.action = action
    }
}
