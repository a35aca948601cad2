/// The status line and header fields of a final response, kept as the bytes received plus
/// ranges into them, with the fields that decide framing already parsed.
///
/// The parser reuses this storage for the next response: a caller that lets go of a head before
/// the next one arrives costs no allocation; one that keeps it gets a copy, as any Swift value.
public struct HTTPResponseHead: Sendable, Equatable {
    /// The head as received, from the status line to the blank line, CRLFs included.
    public internal(set) var bytes: [UInt8] = []
    public internal(set) var fields: [HTTPHeaderField] = []
    /// The x of HTTP/1.x (0 or 1; later minor versions read as 1.1, RFC 9112 §2.3).
    public internal(set) var minorVersion = 1
    public internal(set) var status = 0
    var reasonRange = 0..<0
    public internal(set) var contentLength: Int?
    var contentTypeRange: Range<Int>?
    /// Transfer-Encoding: chunked.
    public internal(set) var isChunked = false
    /// The Connection field lists `close`.
    public internal(set) var connectionClose = false
    /// The Connection field lists `keep-alive` (what lets an HTTP/1.0 connection persist).
    public internal(set) var connectionKeepAlive = false

    /// The reason phrase, which RFC 9112 §4 says a client should ignore; for messages only.
    public var reason: String { String(decoding: bytes[reasonRange], as: UTF8.self) }

    /// The Content-Type value as received, for a byte comparison on the hot path.
    public var contentTypeBytes: ArraySlice<UInt8>? { contentTypeRange.map { bytes[$0] } }

    public var contentType: String? { contentTypeBytes.map { String(decoding: $0, as: UTF8.self) } }

    /// Whether the connection may carry another request once the body is read (RFC 9112 §9.3).
    public var persists: Bool {
        if connectionClose { return false }
        return minorVersion >= 1 || connectionKeepAlive
    }

    public func name(of field: HTTPHeaderField) -> ArraySlice<UInt8> { bytes[field.name] }
    public func value(of field: HTTPHeaderField) -> ArraySlice<UInt8> { bytes[field.value] }

    /// The value of the first field with this name, compared without regard to ASCII case.
    public func value(forName name: String) -> ArraySlice<UInt8>? {
        let wanted = Array(name.utf8)
        for field in fields where HTTPGrammar.equalsIgnoringCase(bytes[field.name], wanted) {
            return bytes[field.value]
        }
        return nil
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        minorVersion = 1
        status = 0
        reasonRange = 0..<0
        contentLength = nil
        contentTypeRange = nil
        isChunked = false
        connectionClose = false
        connectionKeepAlive = false
    }
}
