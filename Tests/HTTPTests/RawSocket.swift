import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain blocking IPv4 sockets on 127.0.0.1, for tests that need a port in a state the test
/// server does not offer (bound but not listening, a full accept queue) or a hand-made client.
final class RawSocket {
    let fd: Int32
    let port: Int

    /// Bound to an ephemeral port; listening with `backlog` when given, else refusing connections
    /// while holding the port so no other test takes it.
    init(listeningWithBacklog backlog: Int32?) throws {
        let fd = Self.tcpSocket()
        self.fd = fd
        var address = Self.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutableBytes(of: &address) { raw -> Bool in
            let pointer = raw.baseAddress!.assumingMemoryBound(to: sockaddr.self)
            return bind(fd, pointer, length) == 0 && (backlog.map { listen(fd, $0) == 0 } ?? true)
                && getsockname(fd, pointer, &length) == 0
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        try #require(ok)
    }

    /// Connected to `port` on 127.0.0.1.
    init(connectingTo port: Int) throws {
        let fd = Self.tcpSocket()
        self.fd = fd
        self.port = port
        var address = Self.loopback(port: port)
        let connected = withUnsafeBytes(of: &address) {
            connect(fd, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t($0.count))
        }
        try #require(connected == 0)
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { sendBytes(fd, $0) }
    }

    /// Blocks for one byte: 1, or 0 when the peer closed.
    func receiveByte() -> Int {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0)
    }

    private static func tcpSocket() -> Int32 {
        #if canImport(Glibc)
        socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}

private func sendBytes(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    send(fd, bytes.baseAddress, bytes.count, 0)
}
