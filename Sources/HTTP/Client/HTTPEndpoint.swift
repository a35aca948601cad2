/// Where requests go, read from a URL a user wrote: `http://host[:port][/path][?query]` or
/// `https://…`. The host may be a name, an IPv4 address or a bracketed IPv6 address.
///
/// User information (`user:pass@`) is refused rather than sent: a credential in a URL ends up in
/// logs; credentials belong in headers, read from the environment. Fragments are refused too, as
/// they never reach a server.
public struct HTTPEndpoint: Sendable, Equatable, CustomStringConvertible {
    public enum Scheme: String, Sendable {
        case http, https
    }

    public var scheme: Scheme
    /// The host as a resolver takes it: no brackets around an IPv6 address.
    public var host: String
    public var port: Int
    /// The path and query, always starting with `/` (just `/` when the URL has none).
    public var target: String

    /// The Host header's value: the host (bracketed if IPv6), with the port when not the default.
    public var authority: String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return port == scheme.defaultPort ? shown : "\(shown):\(port)"
    }

    /// `http://127.0.0.1:8080/v2`: the URL without anything a server would not see.
    public var description: String { "\(scheme.rawValue)://\(authority)\(target == "/" ? "" : target)" }

    public init(scheme: Scheme, host: String, port: Int, target: String = "/") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.target = target
    }

    /// This endpoint's target joined with a protocol's path: `/serving` + `/v2/health/ready`.
    public func appending(_ path: String) -> String {
        let base = target.hasSuffix("/") ? String(target.dropLast()) : target
        return base + path
    }

    /// Reads `text`, or says in a phrase what is wrong with it (for a located configuration error).
    public static func parse(_ text: String) -> Result<HTTPEndpoint, HTTPEndpointError> {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return .failure(.invalidCharacter) }
        let scheme: Scheme
        var rest: ArraySlice<UInt8>
        if let r = strip("http://", from: bytes) {
            scheme = .http; rest = r
        } else if let r = strip("https://", from: bytes) {
            scheme = .https; rest = r
        } else {
            return .failure(.unsupportedScheme)
        }
        let authorityEnd = rest.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) ?? rest.endIndex
        let authority = rest[rest.startIndex..<authorityEnd]
        rest = rest[authorityEnd...]
        if rest.contains(UInt8(ascii: "#")) { return .failure(.fragment) }
        if authority.contains(UInt8(ascii: "@")) { return .failure(.userInfo) }
        guard !authority.isEmpty else { return .failure(.missingHost) }

        var host: ArraySlice<UInt8>
        var portText: ArraySlice<UInt8>?
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return .failure(.invalidHost) }
            host = authority[(authority.startIndex + 1)..<close]
            guard !host.isEmpty, host.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else {
                return .failure(.invalidHost)
            }
            let after = authority[(close + 1)...]
            if !after.isEmpty {
                guard after.first == UInt8(ascii: ":") else { return .failure(.invalidHost) }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
            host = authority[authority.startIndex..<colon]
            portText = authority[(colon + 1)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { return .failure(.missingHost) }
        if authority.first != UInt8(ascii: "[") {
            // Letters, digits, '-', '.', '_': a DNS name or an IPv4 address.
            guard host.allSatisfy({ isHostByte($0) }) else { return .failure(.invalidHost) }
        }
        var port = scheme.defaultPort
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                return .failure(.invalidPort)
            }
            port = portText.reduce(0) { $0 * 10 + Int($1 - 48) }
            guard port >= 1 && port <= 65535 else { return .failure(.invalidPort) }
        }
        var target = String(decoding: rest, as: UTF8.self)
        if target.isEmpty { target = "/" } else if target.hasPrefix("?") { target = "/" + target }
        return .success(HTTPEndpoint(scheme: scheme, host: String(decoding: host, as: UTF8.self), port: port, target: target))
    }

    private static func strip(_ prefix: String, from bytes: [UInt8]) -> ArraySlice<UInt8>? {
        let p = Array(prefix.utf8)
        guard bytes.count >= p.count else { return nil }
        for (i, b) in p.enumerated() where HTTPGrammar.lowercased(bytes[i]) != b { return nil }
        return bytes[p.count...]
    }

    private static func isHexDigit(_ b: UInt8) -> Bool { HTTPGrammar.hexDigit(b) != nil }

    private static func isHostByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 122) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
    }
}

extension HTTPEndpoint.Scheme {
    public var defaultPort: Int { self == .http ? 80 : 443 }
}
