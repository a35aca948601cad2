/// A window's timeline: when warm-up ends and measuring starts, which requests are measured, and
/// when the window is over. Shared by every load target, so they all count the same way.
struct WindowClock: Sendable {
    let window: LoadWindow
    let start: ContinuousClock.Instant
    /// Measuring starts when the warm-up ends.
    var measureStart: ContinuousClock.Instant { start + window.warmup }

    init(_ window: LoadWindow, start: ContinuousClock.Instant = .now) {
        self.window = window
        self.start = start
    }

    /// Request `ticket`'s intended start under an open loop (nil under a closed loop, where a
    /// request is due when a slot is free).
    func intendedStart(ticket: Int) -> ContinuousClock.Instant? {
        guard case .openLoop(let rate, _) = window.arrival else { return nil }
        return start + .nanoseconds(Int64((Double(ticket) / rate * 1e9).rounded()))
    }

    /// Whether a request intended to start at `instant` is measured, warm-up, or past the window's
    /// end, given how many measured requests were already started.
    func role(of instant: ContinuousClock.Instant, measuredSoFar: Int) -> RequestRole {
        if instant < measureStart { return .warmup }
        if let requests = window.stop.requests, measuredSoFar >= requests { return .beyondEnd }
        if let duration = window.stop.duration, instant >= measureStart + duration { return .beyondEnd }
        return .measured
    }
}

enum RequestRole: Sendable, Equatable { case warmup, measured, beyondEnd }
