/// Decides, request by request in order of start, whether a request is warm-up, measured, or
/// past the plan. Starts never go backwards (closed model: the clock; open model: due times),
/// so each phase ends for good the first time a request falls outside it.
struct LoadSchedule {
    private let warmupRequests: Int
    private let warmupEnd: UInt64
    private let measuredRequests: Int
    private let measuredDuration: UInt64
    private var inWarmup = true
    /// The sequence number the next admitted request gets.
    private(set) var next = 0
    private var measureBase = 0
    /// The start of the first measured request.
    private(set) var measureStart: UInt64?
    /// Set when no further request may start, with the limit that ended the plan.
    private(set) var ending: LoadTotals.Ending?

    init(plan: LoadPlan, start: UInt64) {
        let warmup = plan.warmup
        if warmup.isNone {
            warmupRequests = 0
            warmupEnd = start
        } else {
            warmupRequests = warmup.requests ?? Int.max
            let duration = warmup.duration.map(LoadClock.nanoseconds) ?? UInt64.max
            warmupEnd = duration > UInt64.max - start ? UInt64.max : start + duration
        }
        measuredRequests = plan.measured.requests ?? Int.max
        measuredDuration = plan.measured.duration.map(LoadClock.nanoseconds) ?? UInt64.max
    }

    var isFinished: Bool { ending != nil }

    /// Admits the next request, starting at `start`: true for warm-up, false for measured; nil
    /// when the plan is over (and from then on).
    mutating func admit(startingAt start: UInt64) -> Bool? {
        guard ending == nil else { return nil }
        if inWarmup {
            if next < warmupRequests && start < warmupEnd {
                next += 1
                return true
            }
            inWarmup = false
            measureBase = next
            measureStart = start
        }
        guard let measureStart, start - measureStart < measuredDuration else {
            ending = .measuredDurationDone
            return nil
        }
        next += 1
        if next - measureBase >= measuredRequests { ending = .measuredRequestsDone }
        return false
    }

    /// Ends the plan if a request starting at `start` would fall past it (open model: checked on
    /// the next due time, so the run ends without waiting for that time to come).
    mutating func endIfPast(_ start: UInt64) {
        guard ending == nil, !inWarmup, let measureStart, start - measureStart >= measuredDuration else { return }
        ending = .measuredDurationDone
    }
}
