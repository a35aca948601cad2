/// Writes HTTP/1.1 requests as bytes: the request line and fixed headers are checked and encoded
/// once, so each request costs an append of that prefix, its Content-Length and its body.
///
/// It logs nothing and keeps header values only in its encoded prefix: an Authorization value
/// given here reaches the socket and nowhere else.
public struct HTTPRequestWriter: Sendable {
    public let method: HTTPMethod
    /// Request line, Host, Content-Type, Connection and the given headers, CRLF-terminated.
    private let prefix: [UInt8]

    /// - Parameters:
    ///   - target: the origin-form target, such as `/v2/models/m/infer`.
    ///   - host: the Host field value, `host` or `host:port`.
    ///   - headers: extra fields; those the writer sets itself are refused.
    ///   - keepAlive: false adds `Connection: close` (HTTP/1.1 persists by default).
    public init(method: HTTPMethod, target: String, host: String, contentType: String? = nil,
                headers: [(name: String, value: String)] = [], keepAlive: Bool = true) throws(HTTPRequestError) {
        let targetBytes = Array(target.utf8)
        guard targetBytes.first == UInt8(ascii: "/"), targetBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .invalidTarget
        }
        let hostBytes = Array(host.utf8)
        guard !hostBytes.isEmpty,
              hostBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !Array("/?#@".utf8).contains($0) }) else {
            throw .invalidHost
        }
        var out: [UInt8] = []
        out.append(contentsOf: method.rawValue.utf8)
        out.append(HTTPGrammar.space)
        out.append(contentsOf: targetBytes)
        out.append(contentsOf: " HTTP/1.1\r\nHost: ".utf8)
        out.append(contentsOf: hostBytes)
        out.append(contentsOf: "\r\n".utf8)
        if let contentType {
            guard Self.isValue(Array(contentType.utf8)), !contentType.isEmpty else { throw .invalidContentType }
            Self.appendField("Content-Type", contentType, to: &out)
        }
        if !keepAlive { Self.appendField("Connection", "close", to: &out) }
        for (position, header) in headers.enumerated() {
            let name = Array(header.name.utf8)
            guard !name.isEmpty, name.allSatisfy(HTTPGrammar.isTokenByte) else {
                throw .invalidHeaderName(position: position + 1)
            }
            let owned: [StaticString] = [HTTPGrammar.contentLength, HTTPGrammar.transferEncoding, HTTPGrammar.connection,
                                         HTTPGrammar.contentType, "host"]
            guard !owned.contains(where: { HTTPGrammar.equalsIgnoringCase(name, name.indices, $0) }) else {
                throw .reservedHeader(name: header.name)
            }
            guard Self.isValue(Array(header.value.utf8)) else { throw .invalidHeaderValue(name: header.name) }
            Self.appendField(header.name, header.value, to: &out)
        }
        self.method = method
        self.prefix = out
    }

    /// Appends one request to `out`. A POST always carries Content-Length (0 for an empty
    /// body); a GET carries it only with a body.
    public func write(body: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        out.append(contentsOf: prefix)
        if method == .post || !body.isEmpty {
            out.append(contentsOf: "Content-Length: ".utf8)
            Self.appendDecimal(body.count, to: &out)
            out.append(contentsOf: "\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        out.append(contentsOf: body)
    }

    /// Appends one request with `body` to `out`.
    public func write(body: [UInt8] = [], into out: inout [UInt8]) {
        body.withUnsafeBytes { write(body: $0, into: &out) }
    }

    /// Visible characters, spaces and tabs, not starting or ending with whitespace.
    private static func isValue(_ bytes: [UInt8]) -> Bool {
        if let first = bytes.first, let last = bytes.last,
           HTTPGrammar.isWhitespace(first) || HTTPGrammar.isWhitespace(last) {
            return false
        }
        return bytes.allSatisfy(HTTPGrammar.isFieldByte)
    }

    private static func appendField(_ name: String, _ value: String, to out: inout [UInt8]) {
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: ": ".utf8)
        out.append(contentsOf: value.utf8)
        out.append(contentsOf: "\r\n".utf8)
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
