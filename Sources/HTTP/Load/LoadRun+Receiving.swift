/// Serving ready sockets: connect outcomes, writes the socket can now take, and responses.
extension LoadRun {
    mutating func serve(_ event: LoadPollEvent) {
        let slot = Int(truncatingIfNeeded: event.token & 0xFFFF_FFFF)
        let generation = UInt32(truncatingIfNeeded: event.token >> 32)
        guard slot < connections.count, connections[slot].generation == generation, connections[slot].fd >= 0 else {
            return  // about a socket this slot has closed since
        }
        switch connections[slot].phase {
        case .connecting:
            finishConnect(slot)
        case .writing:
            if event.writable || event.failed { continueWriting(slot) }
            // A server may answer (an error) before the whole request is written.
            if event.readable || event.failed, connections[slot].generation == generation,
               connections[slot].phase == .writing || connections[slot].phase == .awaitingResponse {
                receive(slot)
            }
        case .awaitingResponse:
            if event.readable || event.failed { receive(slot) }
        case .idle:
            if event.readable || event.failed { idleSocketReady(slot) }
        case .closed:
            break
        }
    }

    private mutating func receive(_ slot: Int) {
        let n = LoadSocket.receiveBytes(connections[slot].fd, into: readBuffer)
        let now = LoadClock.now()
        if n > 0 {
            consume(slot, byteCount: n, now: now)
        } else if n == 0 {
            peerClosed(slot, now)
        } else if !LoadSocket.isRetryable(n) {
            fail(slot, .closed(midResponse: connections[slot].receivedResponseBytes), now)
        }
    }

    /// Parses one read, delivering the response at its end; the end says whether the
    /// connection persists.
    private mutating func consume(_ slot: Int, byteCount: Int, now: UInt64) {
        connections[slot].receivedResponseBytes = true
        let input = UnsafeRawBufferPointer(rebasing: readBuffer[0..<byteCount])
        var index = 0
        do throws(HTTPParseError) {
            while let event = try connections[slot].parser.next(input, at: &index) {
                switch event {
                case .head:
                    connections[slot].keepHead()
                case .body(let range):
                    connections[slot].body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[range]))
                case .end(let reusable):
                    deliverResponse(slot, now: now)
                    responseEnded(slot, reusable: reusable, unsolicited: index < byteCount)
                    return
                }
            }
        } catch {
            fail(slot, .invalidResponse(error), now)
        }
    }

    /// After a delivered response: keep the connection for the next request, or close it when
    /// the server said so, sent more than was asked, or answered before the request was written.
    private mutating func responseEnded(_ slot: Int, reusable: Bool, unsolicited: Bool) {
        if unsolicited { totals.unsolicitedBytes += 1 }
        if unsolicited || !reusable || connections[slot].phase == .writing {
            dropSocket(slot)
        } else {
            connections[slot].phase = .idle
        }
        freeSlots.append(slot)
    }

    /// The server closed while a request was in flight: the end of a body read until close,
    /// or a failure.
    private mutating func peerClosed(_ slot: Int, _ now: UInt64) {
        do throws(HTTPParseError) {
            if case .end = try connections[slot].parser.finish() {
                deliverResponse(slot, now: now)
                dropSocket(slot)
                freeSlots.append(slot)
            } else {
                fail(slot, .closed(midResponse: false), now)
            }
        } catch {
            fail(slot, .closed(midResponse: true), now)
        }
    }

    /// A connection with nothing in flight turned readable: the server closed it (idle
    /// timeout) or sent bytes nobody asked for. Either way it is closed; the slot stays free
    /// and reconnects when it next takes a request.
    private mutating func idleSocketReady(_ slot: Int) {
        let n = LoadSocket.receiveBytes(connections[slot].fd, into: readBuffer)
        if n > 0 { totals.unsolicitedBytes += 1 }
        if n >= 0 || !LoadSocket.isRetryable(n) { dropSocket(slot) }
    }

    mutating func dropSocket(_ slot: Int) {
        LoadSocket.closeSocket(connections[slot].fd)
        connections[slot].resetForNewSocket()
    }
}
