import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP server on 127.0.0.1 for the client's tests: each request (head and
/// Content-Length body) is handed to `respond` with its connection's number and its number on
/// that connection, and the steps returned are played out. Blocking sockets, a thread per
/// connection; everything stops within 50 ms of `stop()`.
final class LoopbackServer: Sendable {
    enum Step: Sendable {
        case send(String)
        case pause(milliseconds: Int)
        /// Close the connection now.
        case close
        /// Keep the connection open and answer nothing until the server stops.
        case hang
    }

    struct Request: Sendable {
        var connection: Int
        var index: Int
        var head: String
        var body: String
    }

    let port: Int
    private let listener: Int32
    private let respond: @Sendable (Request) -> [Step]
    private let state = Mutex(State())

    private struct State {
        var stopped = false
        var connections = 0
        var closed = 0
        var requests: [Request] = []
    }

    init(respond: @escaping @Sendable (Request) -> [Step]) throws {
        self.respond = respond
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    var url: String { "http://127.0.0.1:\(port)" }
    var connections: Int { state.withLock { $0.connections } }
    /// Connections the server has closed so far.
    var closedConnections: Int { state.withLock { $0.closed } }
    var requests: [Request] { state.withLock { $0.requests } }
    private var stopped: Bool { state.withLock { $0.stopped } }

    func stop() {
        state.withLock { $0.stopped = true }
    }

    deinit { close(listener) }

    private func acceptLoop() {
        while !stopped {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { continue }
            let number = state.withLock { $0.connections += 1; return $0.connections }
            Thread.detachNewThread { [self] in serve(fd, connection: number) }
        }
    }

    private func serve(_ fd: Int32, connection: Int) {
        defer {
            close(fd)
            state.withLock { $0.closed += 1 }
        }
        var buffer: [UInt8] = []
        var index = 0
        while !stopped {
            guard let request = readRequest(fd, &buffer) else { return }
            index += 1
            let entry = Request(connection: connection, index: index, head: request.head, body: request.body)
            state.withLock { $0.requests.append(entry) }
            for step in respond(entry) {
                switch step {
                case .send(let text):
                    let bytes = Array(text.utf8)
                    var sent = 0
                    while sent < bytes.count {
                        let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
                        if n <= 0 { return }
                        sent += n
                    }
                case .pause(let ms):
                    usleep(UInt32(ms * 1000))
                case .close:
                    return
                case .hang:
                    while !stopped { usleep(20_000) }
                    return
                }
            }
        }
    }

    /// One request's head and its Content-Length body, or nil when the client closed.
    private func readRequest(_ fd: Int32, _ buffer: inout [UInt8]) -> (head: String, body: String)? {
        let end = Array("\r\n\r\n".utf8)
        while true {
            if let headEnd = find(end, in: buffer) {
                let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
                let length = head.split(separator: "\r\n")
                    .first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                let total = headEnd + 4 + length
                if buffer.count >= total {
                    let body = String(decoding: buffer[(headEnd + 4)..<total], as: UTF8.self)
                    buffer.removeFirst(total)
                    return (head, body)
                }
            }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard !stopped else { return nil }
            guard poll(&poller, 1, 50) != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return nil }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    private func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for start in 0...(hay.count - needle.count) where Array(hay[start..<(start + needle.count)]) == needle { return start }
        return nil
    }
}

extension LoopbackServer {
    /// A port that was free a moment ago: bound, read, and closed, so connecting is refused.
    static func unusedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// `HTTP/1.1 200 OK` with a Content-Length body.
func okResponse(_ body: String, type: String = "application/json", extra: String = "") -> String {
    "HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\n\(extra)\r\n\(body)"
}
