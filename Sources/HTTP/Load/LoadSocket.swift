#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The socket calls of the load loop: nonblocking TCP connections to a numeric endpoint.
/// Results are counts or negated errno values, so the hot path allocates nothing.
enum LoadSocket {
    enum ConnectStart {
        case connected(Int32)
        /// Connecting goes on in the kernel; the socket turns writable when it is done.
        case inProgress(Int32)
        case failed(errno: Int32)
    }

    static func startConnecting(to endpoint: LoadEndpoint) -> ConnectStart {
        #if canImport(Glibc)
        let fd = socket(endpoint.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failed(errno: errno) }
        #else
        let fd = socket(endpoint.family, SOCK_STREAM, 0)
        guard fd >= 0 else { return .failed(errno: errno) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var one: Int32 = 1
        // macOS has no MSG_NOSIGNAL: a write to a closed connection must not kill the process.
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        // Requests go out in one write each; Nagle would hold a partial second segment back.
        var noDelay: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        let result = endpoint.socketAddress.withUnsafeBytes { address in
            connect(fd, address.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(address.count))
        }
        if result == 0 { return .connected(fd) }
        let error = errno
        if error == EINPROGRESS || error == EINTR { return .inProgress(fd) }
        _ = close(fd)
        return .failed(errno: error)
    }

    /// The outcome of a connect that was in progress: 0 when connected, else its errno.
    static func connectError(_ fd: Int32) -> Int32 {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else { return errno }
        return error
    }

    /// Bytes written, or -errno.
    static func sendBytes(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        #if canImport(Glibc)
        let n = send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        #else
        let n = send(fd, bytes.baseAddress, bytes.count, 0)
        #endif
        return n >= 0 ? n : -Int(errno)
    }

    /// Bytes read (0 when the peer closed), or -errno.
    static func receiveBytes(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = recv(fd, buffer.baseAddress, buffer.count, 0)
        return n >= 0 ? n : -Int(errno)
    }

    static func isRetryable(_ negatedErrno: Int) -> Bool {
        let error = Int32(-negatedErrno)
        return error == EAGAIN || error == EWOULDBLOCK || error == EINTR
    }

    static func closeSocket(_ fd: Int32) {
        _ = close(fd)
    }
}
