import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The running part of a `LoopbackHTTPServer`: its listening socket, its threads (one accepting,
/// one per connection) and what it has counted. The threads hold this object, not the test's
/// handle, so that releasing the handle stops them.
final class LoopbackHTTPServing: Sendable {
    let host: String
    let port: Int
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
        var listenerClosed = false
        /// Monotonic nanoseconds until which no reply is sent.
        var stalledUntil: UInt64 = 0
    }

    init(host: String, script: @escaping @Sendable (_ number: Int, _ request: LoopbackRequest) -> LoopbackReply) throws {
        self.host = host
        self.script = script
        (listener, port) = try Self.openListener(on: host)
        state.withLock { $0.liveThreads = 1 }
        let thread = Thread { [self] in acceptConnections() }
        thread.start()
    }

    /// Whether this machine can serve on ::1 (some containers have no IPv6 loopback).
    static let supportsIPv6: Bool = {
        guard let (fd, _) = try? openListener(on: "::1") else { return false }
        _ = close(fd)
        return true
    }()

    /// Stops accepting, shuts every connection down (waking threads blocked in reads, delays or
    /// stalls) and waits up to 10 s for every thread to end; false if one did not.
    @discardableResult
    func stop() -> Bool {
        state.withLock { state in
            state.stopping = true
            for fd in state.openSockets { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        }
        let deadline = Date().addingTimeInterval(10)
        while state.withLock({ $0.liveThreads }) > 0 && Date() < deadline {
            usleep(1000)
        }
        // Closed once, and only when the accepting thread no longer uses it.
        let closesListener = state.withLock { state -> Bool in
            defer { state.listenerClosed = true }
            return !state.listenerClosed && state.liveThreads == 0
        }
        if closesListener { _ = close(listener) }
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
            #if canImport(Darwin)
            // No MSG_NOSIGNAL on macOS: a client that closed must not kill the test process.
            _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
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
