/// What a load run did, returned when it ends.
public struct LoadTotals: Sendable, Equatable {
    public internal(set) var measured = LoadCounts()
    public internal(set) var warmup = LoadCounts()
    /// From the first measured request's start (intended start in the open model) to the last
    /// measured outcome; 0 when nothing was measured. Throughput is `measured.responses` over this.
    public internal(set) var measuredNanoseconds: UInt64 = 0
    /// TCP connections made (connect succeeded), reconnects included.
    public internal(set) var connectionsOpened = 0
    /// Connections dropped because the server sent bytes no request asked for (after a complete
    /// response, or on an idle connection). The response before them, if any, still counted.
    public internal(set) var unsolicitedBytes = 0
    public internal(set) var ending = Ending.measuredRequestsDone

    /// Why the run ended.
    public enum Ending: Sendable, Equatable {
        /// The measured request count was reached and those requests finished.
        case measuredRequestsDone
        /// The measured duration passed and the requests started in it finished.
        case measuredDurationDone
        /// The caller's callback asked to stop.
        case stoppedByCaller
        /// The cancellation check said so.
        case cancelled

        /// Whether the plan ran to its end (not stopped or cancelled).
        public var isComplete: Bool { self == .measuredRequestsDone || self == .measuredDurationDone }
    }

    public init() {}
}

extension LoadTotals {
    /// The totals of parts run at the same time (see `LoadGenerator.split`): counts added; the
    /// measured time is the longest part's, as the parts started together; the ending is the
    /// strongest reason any part ended for (cancelled, then stopped by the caller, then a
    /// duration, then a count).
    public static func merged(_ parts: [LoadTotals]) -> LoadTotals {
        var total = LoadTotals()
        for part in parts {
            total.measured.add(part.measured)
            total.warmup.add(part.warmup)
            total.measuredNanoseconds = max(total.measuredNanoseconds, part.measuredNanoseconds)
            total.connectionsOpened += part.connectionsOpened
            total.unsolicitedBytes += part.unsolicitedBytes
        }
        let endings = parts.map(\.ending)
        total.ending = [.cancelled, .stoppedByCaller, .measuredDurationDone].first(where: endings.contains) ?? .measuredRequestsDone
        return total
    }
}
