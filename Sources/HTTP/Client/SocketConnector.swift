#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a TCP connection to an endpoint within a time limit: resolves the host (a numeric
/// address resolves without a lookup), then tries each address in the resolver's order until one
/// connects. The socket is left non-blocking, with Nagle's algorithm off (requests are written
/// whole, and a delayed last segment would add up to 40 ms to every request).
enum SocketConnector {
    static func connect(to endpoint: HTTPEndpoint, timeout: Duration,
                        isCancelled: () -> Bool) throws(HTTPClientError) -> Int32 {
        let name = endpoint.authority
        let deadline = ContinuousClock.now + timeout
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        hints.ai_flags = AI_NUMERICSERV | AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
        guard status == 0, let first = list else {
            throw .resolveFailed(host: endpoint.host, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var lastError: HTTPClientError = .connectFailed(endpoint: name, reason: "no address to connect to")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            do throws(HTTPClientError) {
                return try connect(address.pointee, name: name, deadline: deadline, timeout: timeout, isCancelled: isCancelled)
            } catch {
                lastError = error
                if case .connectTimedOut = error { break }
                if case .cancelled = error { break }
            }
        }
        throw lastError
    }

    private static func connect(_ address: addrinfo, name: String, deadline: ContinuousClock.Instant, timeout: Duration,
                                isCancelled: () -> Bool) throws(HTTPClientError) -> Int32 {
        let fd = socket(address.ai_family, address.ai_socktype, address.ai_protocol)
        guard fd >= 0 else { throw .connectFailed(endpoint: name, reason: SystemError.message(errno)) }
        var keep = false
        defer { if !keep { _ = closeDescriptor(fd) } }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        if connectDescriptor(fd, address.ai_addr, address.ai_addrlen) != 0 {
            let code = errno
            guard code == EINPROGRESS || code == EINTR else { throw failure(code, name) }
            while true {
                let remaining = deadline - ContinuousClock.now
                guard remaining > .zero else { throw .connectTimedOut(endpoint: name, seconds: timeout.inSeconds) }
                if isCancelled() { throw .cancelled }
                var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&poller, 1, SystemError.pollSlice(remaining))
                if ready < 0, errno != EINTR { throw .connectFailed(endpoint: name, reason: SystemError.message(errno)) }
                if ready > 0 { break }
            }
            var result: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(fd, SOL_SOCKET, SO_ERROR, &result, &length)
            guard result == 0 else { throw failure(result, name) }
        }
        keep = true
        return fd
    }

    private static func failure(_ code: Int32, _ name: String) -> HTTPClientError {
        code == ECONNREFUSED ? .connectRefused(endpoint: name) : .connectFailed(endpoint: name, reason: SystemError.message(code))
    }
}
