#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP/1.1 connection to one endpoint, used by one caller at a time, blocking in `poll`
/// with time limits: requests go out one at a time (no pipelining), each response is read whole
/// through `HTTPResponseParser`, and the connection is kept open while the server allows it.
///
/// When the server has closed a kept-alive connection, the next request would meet a dead
/// socket. Before a request the connection is checked and quietly replaced when it is closed.
/// If the close is only seen after sending (a race with the server's idle timeout), the request
/// is sent once more on a new connection, but only when not a byte of its response had arrived
/// and the request allows it (`HTTPRequest.mayResend`); each such resend is counted.
///
/// Buffers (request bytes, read buffer, the parser's head) are kept between requests, so a
/// request allocates only its response body.
public final class HTTPConnection {
    public let endpoint: HTTPEndpoint
    public let limits: HTTPClientLimits
    public private(set) var resentRequests = 0
    /// Connections opened so far (1 for a connection kept alive throughout).
    public private(set) var connectionsOpened = 0

    private let headers: [(name: String, value: String)]
    private var descriptor: Int32 = -1
    private var parser: HTTPResponseParser
    private var writers: [WriterKey: HTTPRequestWriter] = [:]
    private var outgoing: [UInt8] = []
    private var incoming: [UInt8]

    private struct WriterKey: Hashable {
        var method: HTTPMethod
        var target: String
        var contentType: String?
    }

    /// `headers` go with every request; their values are never printed (see HTTPRequestError).
    public init(endpoint: HTTPEndpoint, headers: [(name: String, value: String)] = [], limits: HTTPClientLimits = HTTPClientLimits()) {
        self.endpoint = endpoint
        self.headers = headers
        self.limits = limits
        parser = HTTPResponseParser(limits: limits.parser)
        incoming = [UInt8](repeating: 0, count: 64 * 1024)
    }

    deinit { close() }

    public var isOpen: Bool { descriptor >= 0 }

    public func close() {
        if descriptor >= 0 { _ = closeDescriptor(descriptor) }
        descriptor = -1
    }

    /// Sends `request` and returns its whole response. `isCancelled` is asked at least every
    /// 100 ms while waiting, so a caller that gives up is not held until a timeout.
    public func send(_ request: HTTPRequest, isCancelled: () -> Bool = { false }) throws(HTTPClientError) -> HTTPResponse {
        let writer = try self.writer(for: request)
        outgoing.removeAll(keepingCapacity: true)
        writer.write(body: request.body, into: &outgoing)
        if descriptor >= 0, !idleConnectionIsUsable() { close() }
        let reused = descriptor >= 0
        if !reused { try open(isCancelled) }
        do throws(HTTPClientError) {
            return try exchange(isCancelled)
        } catch {
            close()
            guard reused, request.mayResend, Self.isStale(error) else { throw error }
            resentRequests += 1
            try open(isCancelled)
            do throws(HTTPClientError) {
                return try exchange(isCancelled)
            } catch {
                close()
                throw error
            }
        }
    }

    /// A failure that means the server had already closed the connection and nothing of the
    /// response was received: the request may never have been read.
    private static func isStale(_ error: HTTPClientError) -> Bool {
        switch error {
        case .closedBeforeResponse, .sendFailed: return true
        default: return false
        }
    }

    private func writer(for request: HTTPRequest) throws(HTTPClientError) -> HTTPRequestWriter {
        let key = WriterKey(method: request.method, target: request.target, contentType: request.contentType)
        if let writer = writers[key] { return writer }
        do throws(HTTPRequestError) {
            let writer = try HTTPRequestWriter(method: request.method, target: request.target, host: endpoint.authority,
                                               contentType: request.contentType, headers: headers)
            writers[key] = writer
            return writer
        } catch {
            throw .invalidRequest(error)
        }
    }

    private func open(_ isCancelled: () -> Bool) throws(HTTPClientError) {
        descriptor = try SocketConnector.connect(to: endpoint, timeout: limits.connectTimeout, isCancelled: isCancelled)
        connectionsOpened += 1
        parser = HTTPResponseParser(limits: limits.parser)
    }

    /// An idle kept-alive connection must have nothing to read: a close (EOF), a reset or stray
    /// bytes all mean it cannot carry the next request.
    private func idleConnectionIsUsable() -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) == 0
    }

    private func exchange(_ isCancelled: () -> Bool) throws(HTTPClientError) -> HTTPResponse {
        let deadline = ContinuousClock.now + limits.readTimeout
        try writeAll(deadline, isCancelled)
        return try readResponse(deadline, isCancelled)
    }

    private func writeAll(_ deadline: ContinuousClock.Instant, _ isCancelled: () -> Bool) throws(HTTPClientError) {
        var sent = 0
        while sent < outgoing.count {
            let n = outgoing.withUnsafeBytes { bytes in
                systemSend(descriptor, bytes.baseAddress! + sent, bytes.count - sent)
            }
            if n > 0 { sent += n; continue }
            let code = errno
            guard n < 0, code == EAGAIN || code == EWOULDBLOCK || code == EINTR else {
                throw .sendFailed(endpoint: endpoint.authority, reason: SystemError.message(code))
            }
            try wait(for: Int16(POLLOUT), until: deadline, received: 0, isCancelled)
        }
    }

    private func readResponse(_ deadline: ContinuousClock.Instant, _ isCancelled: () -> Bool) throws(HTTPClientError) -> HTTPResponse {
        var response = HTTPResponse(status: 0)
        let start = parser.offset
        while true {
            let n = incoming.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                let code = errno
                if code == EAGAIN || code == EWOULDBLOCK || code == EINTR {
                    try wait(for: Int16(POLLIN), until: deadline, received: parser.offset - start, isCancelled)
                    continue
                }
                guard code == ECONNRESET else {
                    throw .closedMidResponse(offset: parser.offset, expected: "the rest of the response (\(SystemError.message(code)))")
                }
            }
            if n <= 0 {
                // The server closed (or reset) the connection: that may end a body read until close.
                close()
                let event: HTTPResponseEvent?
                do throws(HTTPParseError) {
                    event = try parser.finish()
                } catch {
                    if case .closedEarly(let expected) = error.problem {
                        throw .closedMidResponse(offset: error.offset, expected: expected)
                    }
                    throw .invalidResponse(error)
                }
                guard case .end = event else { throw .closedBeforeResponse(endpoint: endpoint.authority) }
                return response
            }
            if let done = try consume(n, into: &response) {
                if !done { close() }
                return response
            }
        }
    }

    /// Feeds `count` bytes of the read buffer to the parser; the response's end says whether the
    /// connection may stay open (false also when the server sent bytes past the response).
    private func consume(_ count: Int, into response: inout HTTPResponse) throws(HTTPClientError) -> Bool? {
        let outcome = incoming.withUnsafeBytes { buffer -> Result<Bool?, HTTPParseError> in
            let input = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            var index = 0
            do throws(HTTPParseError) {
                while let event = try parser.next(input, at: &index) {
                    switch event {
                    case .head(let head):
                        response.status = head.status
                        response.contentType = head.contentType
                        response.fields = head.fields.map { field in
                            (String(decoding: head.name(of: field), as: UTF8.self), String(decoding: head.value(of: field), as: UTF8.self))
                        }
                    case .body(let range):
                        response.body.append(contentsOf: input[range])
                    case .end(let reusable):
                        return .success(reusable && index == count)
                    }
                }
                return .success(nil)
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let done):
            return done
        case .failure(let error):
            close()
            throw .invalidResponse(error)
        }
    }

    private func wait(for events: Int16, until deadline: ContinuousClock.Instant, received: Int,
                      _ isCancelled: () -> Bool) throws(HTTPClientError) {
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw .readTimedOut(seconds: limits.readTimeout.inSeconds, receivedBytes: received) }
            if isCancelled() { throw .cancelled }
            var poller = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&poller, 1, SystemError.pollSlice(remaining))
            if ready > 0 || (ready < 0 && errno != EINTR) { return }
        }
    }
}

/// send(2) without SIGPIPE: a closed peer is an error to report, not a signal that kills us.
@inline(__always) private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
    return send(fd, bytes, count, 0)
    #else
    return send(fd, bytes, count, Int32(MSG_NOSIGNAL))
    #endif
}
