import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection's life: read a request, ask the script, wait and answer as told.
extension LoopbackHTTPServing {
    func serve(_ fd: Int32) {
        var reader = LoopbackRequestReader(fd: fd)
        while let request = reader.next() {
            let number = state.withLock { state -> Int in
                state.requestCount += 1
                state.lastRequest = request
                return state.requestCount
            }
            let reply = script(number, request)
            if reply.stall > .zero {
                let until = now() + nanoseconds(reply.stall)
                state.withLock { $0.stalledUntil = max($0.stalledUntil, until) }
            }
            pause(nanoseconds(reply.delay))
            while case let until = state.withLock({ $0.stalledUntil }), until > now(), !isStopping {
                pause(until - now())
            }
            if isStopping { return }
            switch reply.action {
            case .neverAnswer:
                reader.waitForClose()
                return
            case .closeWithoutAnswer:
                return
            case .raw(let bytes):
                guard send(fd, bytes) else { return }
                continue
            case .answer, .closeMidResponse:
                guard answer(reply, on: fd), reply.framing != .untilClose, !reply.closesConnection else { return }
            }
        }
    }

    /// Sends the reply's head and body (in pieces, with pauses); false when the connection must
    /// close now (by the script, or because a send failed).
    private func answer(_ reply: LoopbackReply, on fd: Int32) -> Bool {
        var head = "HTTP/1.1 \(reply.status) \(reply.status < 400 ? "OK" : "Error")\r\n"
        if let contentType = reply.contentType { head += "Content-Type: \(contentType)\r\n" }
        switch reply.framing {
        case .contentLength: head += "Content-Length: \(reply.body.count)\r\n"
        case .chunked: head += "Transfer-Encoding: chunked\r\n"
        case .untilClose: break
        }
        if reply.closesConnection { head += "Connection: close\r\n" }
        head += "\r\n"
        var body = reply.body[...]
        if case .closeMidResponse = reply.action {
            _ = send(fd, Array(head.utf8) + body.prefix(body.count / 2))
            return false
        }
        // One write for a whole response, as servers do: a head and body written apart would
        // meet Nagle's algorithm and the client's delayed ACK, adding 40 ms.
        if reply.pieces == 1 && reply.framing != .chunked { return send(fd, Array(head.utf8) + body) }
        guard send(fd, Array(head.utf8)) else { return false }
        let size = (body.count + reply.pieces - 1) / reply.pieces
        for index in 0..<reply.pieces {
            if index > 0 { pause(nanoseconds(reply.pause)) }
            if isStopping { return false }
            let piece = Array(body.prefix(size))
            body = body.dropFirst(size)
            if reply.framing == .chunked {
                guard piece.isEmpty || send(fd, Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + [13, 10]) else {
                    return false
                }
            } else if !piece.isEmpty {
                guard send(fd, piece) else { return false }
            }
        }
        if reply.framing == .chunked { return send(fd, Array("0\r\n\r\n".utf8)) }
        return true
    }

    private func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            #if canImport(Glibc)
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            #else
            let n = bytes.withUnsafeBytes { Darwin.send(fd, $0.baseAddress! + sent, $0.count - sent, 0) }
            #endif
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    /// Sleeps, waking early when the server stops. A timed sleep overshoots by the kernel's timer
    /// slack and wake-up latency (0.1 to 0.2 ms on a busy machine), which would show in every
    /// percentile a client measures against "a 5 ms server"; so the last stretch before the
    /// deadline yields the processor in a loop instead, and the delay ends on time.
    private func pause(_ nanoseconds: UInt64) {
        let end = now() + nanoseconds
        let spin: UInt64 = 300_000
        while case let current = now(), current < end, !isStopping {
            if end - current > spin {
                usleep(UInt32(min(end - current - spin, 2_000_000) / 1000))
            } else {
                sched_yield()
            }
        }
    }

    private func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    private func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(seconds, 0)) * 1_000_000_000 + UInt64(max(attoseconds, 0) / 1_000_000_000)
    }
}
