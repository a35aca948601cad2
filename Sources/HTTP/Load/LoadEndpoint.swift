#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the load goes: a numeric IPv4 or IPv6 address and a TCP port. Names are not resolved
/// (no DNS in a measurement), except `localhost`, which means 127.0.0.1.
public struct LoadEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// The address as given (brackets around an IPv6 address removed).
    public let host: String
    public let port: Int
    /// Whether the address is 127.0.0.0/8 or ::1; tests load only such endpoints.
    public let isLoopback: Bool
    let family: Int32
    /// The sockaddr_in or sockaddr_in6 that connect(2) takes, as bytes.
    let socketAddress: [UInt8]

    public init(host: String, port: Int) throws(LoadSetupError) {
        var name = host
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" { name = "127.0.0.1" }
        guard (1...65535).contains(port) else {
            throw .invalidEndpoint("expected a port from 1 to 65535, got \(port)")
        }
        let networkPort = UInt16(port).bigEndian
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET, name, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = networkPort
            #if canImport(Darwin)
            v4.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
            #endif
            family = AF_INET
            socketAddress = withUnsafeBytes(of: &v4) { Array($0) }
            isLoopback = UInt32(bigEndian: v4.sin_addr.s_addr) >> 24 == 127
        } else if inet_pton(AF_INET6, name, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = networkPort
            #if canImport(Darwin)
            v6.sin6_len = UInt8(MemoryLayout<sockaddr_in6>.size)
            #endif
            family = AF_INET6
            socketAddress = withUnsafeBytes(of: &v6) { Array($0) }
            let bytes = withUnsafeBytes(of: &v6.sin6_addr) { Array($0) }
            isLoopback = bytes == Array(repeating: 0, count: 15) + [1]
        } else {
            throw .invalidEndpoint("expected a numeric IPv4 or IPv6 address or localhost, got \"\(host)\"")
        }
        self.host = name
        self.port = port
    }

    /// `127.0.0.1:8080` or `[::1]:8080`: what a Host header or a log line shows.
    public var description: String {
        family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
