/// One load run on the calling thread: the connection slots, the schedule, the counts, and the
/// loop that waits on the poller. Made and consumed by `LoadGenerator.run`.
///
/// Each turn of the loop: housekeeping when due (timeouts, cancellation), then requests are
/// started (closed model: on every free slot; open model: every due arrival that finds a free
/// slot), then the poller is waited on until a socket is ready or the next due time or
/// housekeeping tick, and each ready socket is served. Work that could repeat without bound in
/// one turn (a refused connect freeing its slot again) waits for the next turn, so cancellation
/// and the caller's stop are seen within one turn.
struct LoadRun {
    /// How often timeouts and the cancellation check are looked at.
    static let housekeepingInterval: UInt64 = 10_000_000

    let plan: LoadPlan
    let ranges: [Range<Int>]
    /// All requests back to back, owned by the run (freed in `finish`).
    let requestBytes: UnsafeMutableRawBufferPointer
    let report: (LoadOutcome) -> LoadDecision
    let isCancelled: @Sendable () -> Bool
    let connectTimeout: UInt64
    let requestTimeout: UInt64
    let isOpen: Bool
    let maxConnections: Int
    /// Open model: nanoseconds between due times.
    let arrivalInterval: Double
    let start: UInt64
    /// One buffer for every socket's reads: a read is parsed to its end before the next.
    let readBuffer: UnsafeMutableRawBufferPointer
    var poller: LoadPoller
    var connections: [LoadConnection] = []
    /// Slots with no request in flight (connected or not); the last is used first, which keeps
    /// the most recently used connection busy.
    var freeSlots: [Int] = []
    /// The closed model's slots to start requests on this turn (kept to reuse its storage).
    var issuing: [Int] = []
    var schedule: LoadSchedule
    var totals = LoadTotals()
    var inFlight = 0
    var nextHousekeeping: UInt64
    var lastMeasuredOutcome: UInt64 = 0
    /// Set by the caller's decision or the cancellation check.
    var stop: LoadTotals.Ending?

    init(plan: LoadPlan, requests: LoadRequests, poller: LoadPoller, isCancelled: @escaping @Sendable () -> Bool,
         report: @escaping (LoadOutcome) -> LoadDecision) {
        self.plan = plan
        ranges = requests.ranges
        let requestBytes = UnsafeMutableRawBufferPointer.allocate(byteCount: requests.bytes.count, alignment: 1)
        requests.bytes.withUnsafeBytes { requestBytes.copyMemory(from: $0) }
        self.requestBytes = requestBytes
        self.report = report
        self.isCancelled = isCancelled
        connectTimeout = LoadClock.nanoseconds(plan.connectTimeout)
        requestTimeout = LoadClock.nanoseconds(plan.requestTimeout)
        switch plan.arrival {
        case .closed(let connections):
            isOpen = false
            maxConnections = connections
            arrivalInterval = 0
        case .open(let rate, let connections):
            isOpen = true
            maxConnections = connections
            arrivalInterval = 1e9 / rate
        }
        readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        self.poller = poller
        start = LoadClock.now()
        schedule = LoadSchedule(plan: plan, start: start)
        nextHousekeeping = start
        // Open-model slots are made as needed: reserve for the usual, not for a huge maximum.
        let expected = min(maxConnections, 1024)
        connections.reserveCapacity(expected)
        freeSlots.reserveCapacity(expected)
        issuing.reserveCapacity(expected)
        if !isOpen {
            for slot in 0..<maxConnections {
                connections.append(LoadConnection(limits: plan.parserLimits))
                freeSlots.append(maxConnections - 1 - slot)
            }
        }
    }

    mutating func run() -> LoadTotals {
        while true {
            var now = LoadClock.now()
            if now >= nextHousekeeping { housekeeping(now) }
            if stop != nil { break }
            if isOpen { issueDueArrivals(now) } else { issueOnFreeSlots() }
            if stop != nil { break }
            if schedule.isFinished && inFlight == 0 { break }
            now = LoadClock.now()
            let ready = poller.wait(until: wakeTime(now), now: now)
            for index in 0..<ready {
                let event = poller.event(index)
                if event.token == LoadPoller.timerToken {
                    poller.timerFired()
                } else {
                    serve(event)
                }
                if stop != nil { break }
            }
            if stop != nil { break }
        }
        return finish()
    }

    /// When the loop must look again even if no socket is ready.
    private func wakeTime(_ now: UInt64) -> UInt64 {
        if schedule.isFinished { return nextHousekeeping }
        if isOpen {
            // A request already due is waiting for a free slot: a socket event frees one.
            let due = dueTime(schedule.next)
            return due > now ? min(nextHousekeeping, due) : nextHousekeeping
        }
        // A slot freed during this turn (a refused connect) starts its next request next turn.
        return freeSlots.isEmpty ? nextHousekeeping : now
    }

    /// Open model: when request number `sequence` is due.
    func dueTime(_ sequence: Int) -> UInt64 {
        start &+ UInt64((Double(sequence) * arrivalInterval).rounded())
    }

    private mutating func housekeeping(_ now: UInt64) {
        nextHousekeeping = now + Self.housekeepingInterval
        if isCancelled() {
            stop = .cancelled
            return
        }
        for slot in connections.indices where connections[slot].hasRequest {
            if connections[slot].phase == .connecting,
               now >= connections[slot].connectDeadline || now >= connections[slot].deadline {
                fail(slot, .timeout(.connect), now)
            } else if now >= connections[slot].deadline {
                fail(slot, .timeout(.response), now)
            }
            if stop != nil { return }
        }
    }

    /// Closes every socket, counts what was in flight as abandoned, frees the run's memory.
    private mutating func finish() -> LoadTotals {
        for slot in connections.indices {
            if connections[slot].hasRequest {
                if connections[slot].isWarmup { totals.warmup.abandoned += 1 } else { totals.measured.abandoned += 1 }
            }
            if connections[slot].fd >= 0 { LoadSocket.closeSocket(connections[slot].fd) }
        }
        connections.removeAll()
        poller.close()
        readBuffer.deallocate()
        requestBytes.deallocate()
        totals.ending = stop ?? schedule.ending ?? .measuredRequestsDone
        if let measureStart = schedule.measureStart, lastMeasuredOutcome > measureStart {
            totals.measuredNanoseconds = lastMeasuredOutcome - measureStart
        }
        return totals
    }
}
