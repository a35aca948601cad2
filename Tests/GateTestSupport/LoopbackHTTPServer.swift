import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real HTTP/1.1 server on a loopback address and an ephemeral port, for tests of clients and
/// of the latency gate. Each connection is served by a thread of its own (test code: simple,
/// and 64+ connections are fine); each reply is what the test's script says for that request.
///
/// Bound to port 0, so parallel tests never clash; `stop()` (also run on deinit) shuts every
/// connection down and waits for every thread to end.
public final class LoopbackHTTPServer: Sendable {
    public let host: String
    public let port: Int
    let listener: Int32
    let script: @Sendable (_ number: Int, _ request: LoopbackRequest) -> LoopbackReply
    let state = Mutex(State())

    struct State {
        var requestCount = 0
        var lastRequest: LoopbackRequest?
        var connectionsAccepted = 0
        var openSockets: Set<Int32> = []
        var liveThreads = 0
        var stopping = false
        var stopped = false
        /// Monotonic nanoseconds until which no reply is sent.
        var stalledUntil: UInt64 = 0
    }

    /// Starts serving on `host` (127.0.0.1 or ::1); `script` gets each request with its number
    /// (from 1, across all connections, in order of arrival) and says what to do.
    public init(host: String = "127.0.0.1",
                script: @escaping @Sendable (_ number: Int, _ request: LoopbackRequest) -> LoopbackReply) throws {
        self.host = host
        self.script = script
        (listener, port) = try Self.openListener(on: host)
        state.withLock { $0.liveThreads = 1 }
        let thread = Thread { [self] in acceptConnections() }
        thread.start()
    }

    /// Answers every request the same way.
    public convenience init(host: String = "127.0.0.1", reply: LoopbackReply = LoopbackReply()) throws {
        try self.init(host: host) { _, _ in reply }
    }

    deinit { stop() }

    /// Requests read in full so far.
    public var requestCount: Int { state.withLock { $0.requestCount } }
    public var lastRequest: LoopbackRequest? { state.withLock { $0.lastRequest } }
    public var connectionsAccepted: Int { state.withLock { $0.connectionsAccepted } }
    /// Connections not yet closed by either side.
    public var openConnections: Int { state.withLock { $0.openSockets.count } }

    /// Whether this machine can serve on ::1 (some containers have no IPv6 loopback).
    public static let supportsIPv6: Bool = {
        guard let (fd, _) = try? openListener(on: "::1") else { return false }
        _ = close(fd)
        return true
    }()

    /// Stops accepting, shuts every connection down (waking threads blocked in reads, delays or
    /// stalls) and waits up to 10 s for every thread to end; false if one did not.
    @discardableResult
    public func stop() -> Bool {
        let alreadyStopped = state.withLock { state -> Bool in
            if state.stopped { return true }
            state.stopping = true
            for fd in state.openSockets { _ = shutdown(fd, Int32(SHUT_RDWR)) }
            return false
        }
        let deadline = Date().addingTimeInterval(10)
        while state.withLock({ $0.liveThreads }) > 0 && Date() < deadline {
            usleep(1000)
        }
        if !alreadyStopped {
            state.withLock { $0.stopped = true }
            _ = close(listener)
        }
        return state.withLock { $0.liveThreads } == 0
    }

    var isStopping: Bool { state.withLock { $0.stopping } }

    private func acceptConnections() {
        defer { state.withLock { $0.liveThreads -= 1 } }
        var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        while !isStopping {
            guard poll(&poller, 1, 20) > 0 else { continue }
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { continue }
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let accepted = state.withLock { state -> Bool in
                guard !state.stopping else { return false }
                state.connectionsAccepted += 1
                state.openSockets.insert(fd)
                state.liveThreads += 1
                return true
            }
            guard accepted else {
                _ = close(fd)
                return
            }
            Thread { [self] in
                serve(fd)
                state.withLock { state in
                    state.openSockets.remove(fd)
                    state.liveThreads -= 1
                }
                _ = close(fd)
            }.start()
        }
    }

    private static func openListener(on host: String) throws -> (Int32, Int) {
        var v4 = sockaddr_in(), v6 = sockaddr_in6()
        let isV6 = host.contains(":")
        let family = isV6 ? AF_INET6 : AF_INET
        #if canImport(Glibc)
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(family, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw LoopbackServerError(call: "socket", errno: errno) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound: Int32
        if isV6 {
            v6.sin6_family = sa_family_t(AF_INET6)
            _ = inet_pton(AF_INET6, host, &v6.sin6_addr)
            bound = withUnsafeBytes(of: &v6) { bind(fd, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t($0.count)) }
        } else {
            v4.sin_family = sa_family_t(AF_INET)
            _ = inet_pton(AF_INET, host, &v4.sin_addr)
            bound = withUnsafeBytes(of: &v4) { bind(fd, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t($0.count)) }
        }
        guard bound == 0, listen(fd, 512) == 0 else {
            let error = errno
            _ = close(fd)
            throw LoopbackServerError(call: "bind/listen on \(host)", errno: error)
        }
        var address = sockaddr_in6()
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafeMutableBytes(of: &address) {
            getsockname(fd, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length)
        }
        // sin_port and sin6_port sit at the same offset, in network order.
        return (fd, Int(UInt16(bigEndian: address.sin6_port)))
    }
}
