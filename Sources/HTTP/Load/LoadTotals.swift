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
