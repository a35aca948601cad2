/// Handing outcomes to the caller and counting them.
extension LoadRun {
    /// The slot's response is complete: hand it to the caller with its head and joined body,
    /// count it, and free the request.
    mutating func deliverResponse(_ slot: Int, now: UInt64) {
        let isWarmup = connections[slot].isWarmup
        let (decision, status) = connections[slot].body.withUnsafeBytes { body in
            let head = connections[slot].head
            let intendedStart = connections[slot].intendedStart
            let outcome = LoadOutcome(
                sequence: connections[slot].sequence, requestIndex: connections[slot].requestIndex, isWarmup: isWarmup,
                latencyNanoseconds: now > intendedStart ? now - intendedStart : 0,
                sendLagNanoseconds: connections[slot].firstWrite.map { $0 > intendedStart ? $0 - intendedStart : 0 },
                result: .response(LoadResponse(head: head, body: body)))
            return (report(outcome), head.status)
        }
        if isWarmup {
            totals.warmup.count(status: status, wrongAnswer: decision.isWrongAnswer)
        } else {
            totals.measured.count(status: status, wrongAnswer: decision.isWrongAnswer)
            lastMeasuredOutcome = max(lastMeasuredOutcome, now)
        }
        connections[slot].endRequest()
        inFlight -= 1
        if decision.stopsRun { stop = .stoppedByCaller }
    }

    /// The slot's request failed: its socket is closed (it cannot be trusted for another
    /// request), the caller is told, and the slot is free to reconnect.
    mutating func fail(_ slot: Int, _ failure: LoadFailure, _ now: UInt64) {
        if connections[slot].fd >= 0 { dropSocket(slot) }
        deliverFailure(failure, sequence: connections[slot].sequence, isWarmup: connections[slot].isWarmup,
                       intendedStart: connections[slot].intendedStart, firstWrite: connections[slot].firstWrite, now: now)
        connections[slot].endRequest()
        inFlight -= 1
        freeSlots.append(slot)
    }

    mutating func deliverFailure(_ failure: LoadFailure, sequence: Int, isWarmup: Bool, intendedStart: UInt64,
                                 firstWrite: UInt64?, now: UInt64) {
        let outcome = LoadOutcome(
            sequence: sequence, requestIndex: sequence % ranges.count, isWarmup: isWarmup,
            latencyNanoseconds: now > intendedStart ? now - intendedStart : 0,
            sendLagNanoseconds: firstWrite.map { $0 > intendedStart ? $0 - intendedStart : 0 },
            result: .failure(failure))
        let decision = report(outcome)
        if isWarmup {
            totals.warmup.count(failure)
        } else {
            totals.measured.count(failure)
            lastMeasuredOutcome = max(lastMeasuredOutcome, now)
        }
        if decision.stopsRun { stop = .stoppedByCaller }
    }
}
