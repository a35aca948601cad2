// What a long-lived child's watching thread and the threads talking to it share.

/// The state of one `RunningChild`, only touched under its lock (`Locked<ChildLife>`).
struct ChildLife: Sendable {
    /// Why modelgate began stopping the child, once it did.
    enum StopReason: Sendable {
        case requested, lifetimeEnded
    }

    var stopReason: StopReason?
    /// The leader has exited (it may not be reaped yet).
    var leaderExited = false
    /// Set once, when the child is reaped and everything it started is stopped.
    var ending: RunningChild.Ending?
    var stdout: Capture
    var stderr: Capture
    /// Called once with the ending, by number, so a wait that gives up can take itself off.
    var waiters: [Int: @Sendable (RunningChild.Ending) -> Void] = [:]
    var nextWaiter = 0
}
