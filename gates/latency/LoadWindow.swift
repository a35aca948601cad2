import ModelGate

/// One measurement window: warm-up, then measuring until the stop rule is met or `EarlyStop` says
/// a threshold is lost.
struct LoadWindow: Sendable {
    var arrival: Arrival
    var stop: StopRule
    var warmup: Duration
    var requestTimeout: Duration
    /// `abort_on_fail`'s judge for this window; nil when the run is not to stop early.
    var earlyStop: EarlyStop?
}

/// Where the load goes: the candidate's predictor through its sessions, or its HTTP endpoint
/// through the socket client. One target serves every window of a gate run (repeats, capacity
/// steps), keeping its connections or processes open between them.
protocol LoadTarget: Sendable {
    /// Which client measured, for the summary.
    var client: String { get }
    func measure(_ window: LoadWindow) async throws -> WindowResult
    /// Closes what the windows kept open; safe after a failure.
    func close() async
}

/// What a window measured, and whether it stopped early and why.
struct WindowResult: Sendable {
    var tally: LoadTally
    var stoppedEarly: String?
}
