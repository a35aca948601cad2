/// Starting requests: which slot takes which request, connecting, and writing the request.
extension LoadRun {
    /// Closed model: each free slot takes the next request, started now.
    mutating func issueOnFreeSlots() {
        guard !schedule.isFinished else { return }
        swap(&issuing, &freeSlots)
        for slot in issuing {
            if stop != nil || !assign(slot, start: LoadClock.now()) { freeSlots.append(slot) }
        }
        issuing.removeAll(keepingCapacity: true)
    }

    /// Open model: every request due by `now` goes to a free slot, oldest first. One that has
    /// waited longer than the request timeout fails unsent, so the backlog never holds more
    /// than a timeout's worth of due times, and it is a count, not a queue.
    mutating func issueDueArrivals(_ now: UInt64) {
        while stop == nil && !schedule.isFinished {
            let due = dueTime(schedule.next)
            schedule.endIfPast(due)
            guard !schedule.isFinished, due <= now else { return }
            if now - due >= requestTimeout {
                guard let isWarmup = schedule.admit(startingAt: due) else { return }
                let sequence = schedule.next - 1
                if isWarmup { totals.warmup.started += 1 } else { totals.measured.started += 1 }
                deliverFailure(.timeout(.backlog), sequence: sequence, isWarmup: isWarmup, intendedStart: due,
                               firstWrite: nil, now: now)
                continue
            }
            guard let slot = takeFreeSlot() else { return }
            if !assign(slot, start: due) { freeSlots.append(slot) }
        }
    }

    private mutating func takeFreeSlot() -> Int? {
        if let slot = freeSlots.popLast() { return slot }
        guard connections.count < maxConnections else { return nil }
        connections.append(LoadConnection(limits: plan.parserLimits))
        return connections.count - 1
    }

    /// Gives `slot` the next request of the schedule, started at `start`; false when the plan
    /// is over. The slot's socket is used if connected, else opened.
    mutating func assign(_ slot: Int, start: UInt64) -> Bool {
        guard let isWarmup = schedule.admit(startingAt: start) else { return false }
        let sequence = schedule.next - 1
        connections[slot].hasRequest = true
        connections[slot].sequence = sequence
        connections[slot].requestIndex = sequence % ranges.count
        connections[slot].isWarmup = isWarmup
        connections[slot].intendedStart = start
        connections[slot].deadline = start > UInt64.max - requestTimeout ? UInt64.max : start + requestTimeout
        if isWarmup { totals.warmup.started += 1 } else { totals.measured.started += 1 }
        inFlight += 1
        if connections[slot].phase == .idle {
            beginWriting(slot)
        } else {
            openSocket(slot)
        }
        return true
    }

    private mutating func openSocket(_ slot: Int) {
        let now = LoadClock.now()
        let fd: Int32
        let inProgress: Bool
        switch LoadSocket.startConnecting(to: plan.endpoint) {
        case .failed(let errno):
            fail(slot, .connect(errno: errno), now)
            return
        case .connected(let socket):
            fd = socket
            inProgress = false
        case .inProgress(let socket):
            fd = socket
            inProgress = true
        }
        connections[slot].generation &+= 1
        connections[slot].fd = fd
        connections[slot].watchesWritable = inProgress
        let error = poller.watch(fd, token: token(slot), writable: inProgress)
        guard error == 0 else {
            fail(slot, .connect(errno: error), now)
            return
        }
        if inProgress {
            connections[slot].phase = .connecting
            connections[slot].connectDeadline = now > UInt64.max - connectTimeout ? UInt64.max : now + connectTimeout
        } else {
            connected(slot)
        }
    }

    /// The poll token of the slot's current socket: its generation and its index.
    func token(_ slot: Int) -> UInt64 {
        UInt64(connections[slot].generation) << 32 | UInt64(slot)
    }

    /// A connect in progress has an outcome (the socket turned writable or failed).
    mutating func finishConnect(_ slot: Int) {
        let error = LoadSocket.connectError(connections[slot].fd)
        if error != 0 {
            fail(slot, .connect(errno: error), LoadClock.now())
        } else {
            connected(slot)
        }
    }

    private mutating func connected(_ slot: Int) {
        totals.connectionsOpened += 1
        beginWriting(slot)
    }

    private mutating func beginWriting(_ slot: Int) {
        connections[slot].phase = .writing
        connections[slot].written = 0
        continueWriting(slot)
    }

    /// Writes what the socket takes of the request; asks to hear of writability only when the
    /// socket is full, so a request that fits (nearly all) costs one send and no poller change.
    mutating func continueWriting(_ slot: Int) {
        let range = ranges[connections[slot].requestIndex]
        let fd = connections[slot].fd
        while connections[slot].written < range.count {
            let from = range.lowerBound + connections[slot].written
            if connections[slot].firstWrite == nil { connections[slot].firstWrite = LoadClock.now() }
            let n = LoadSocket.sendBytes(fd, UnsafeRawBufferPointer(rebasing: requestBytes[from..<range.upperBound]))
            if n > 0 {
                connections[slot].written += n
            } else if LoadSocket.isRetryable(n) {
                watchWritable(slot, true)
                return
            } else {
                // EPIPE or ECONNRESET: the server closed before this request was written.
                fail(slot, .closed(midResponse: false), LoadClock.now())
                return
            }
        }
        if connections[slot].isWarmup { totals.warmup.sent += 1 } else { totals.measured.sent += 1 }
        watchWritable(slot, false)
        connections[slot].phase = .awaitingResponse
    }

    private mutating func watchWritable(_ slot: Int, _ writable: Bool) {
        guard connections[slot].watchesWritable != writable else { return }
        connections[slot].watchesWritable = writable
        _ = poller.changeWatch(connections[slot].fd, token: token(slot), writable: writable)
    }
}
