import ChildProcess
import Foundation

/// `openssl s_server` on loopback with a self-signed certificate made for the test: a TLS server
/// that no client trusts, for checking that an `https` target fails closed. Needs the `openssl`
/// program (Debian's `openssl` package); tests using it are enabled only where it exists.
final class UntrustedTLSServer {
    static var isAvailable: Bool {
        ["/usr/bin/openssl", "/bin/openssl", "/usr/local/bin/openssl"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let port: Int
    private let server: RunningChild
    private let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "modelgate-tls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let made = try Self.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                                     "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem"])
            .runOnThisThread()
        guard made.succeeded else { throw Self.failure("openssl req could not make a certificate: \(made.termination)") }
        // openssl buffers what it prints when that is a pipe, so its "ACCEPT" line cannot be
        // waited for: the test picks a free port and waits until the server accepts on it.
        port = try Self.unusedLoopbackPort()
        server = try Self.openssl(["s_server", "-accept", "127.0.0.1:\(port)", "-cert", folder + "/cert.pem",
                                   "-key", folder + "/key.pem", "-www"]).start(stdout: .captured)
        let deadline = Date() + 30
        while !Self.accepts(port) {
            guard Date() < deadline else {
                _ = server.stopOnThisThread()
                throw Self.failure("openssl s_server did not listen on port \(port)")
            }
            usleep(20_000)
        }
    }

    deinit {
        _ = server.stopOnThisThread()
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static func unusedLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard fd >= 0, bound else { throw failure("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    /// Through modelgate's own child-process code: stopped with its whole group, never waited on
    /// without end (Foundation's `Process.waitUntilExit` spun here once, the server alive).
    private static func openssl(_ arguments: [String]) -> ChildProcess {
        ChildProcess(executable: "openssl", arguments: arguments, timeout: .seconds(600), killGrace: .seconds(1))
    }

    private static func failure(_ message: String) -> some Error {
        CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: message])
    }
}
