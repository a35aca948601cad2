/// Drives HTTP/1.1 load at one endpoint from the calling thread: keep-alive connections
/// served by one poller (epoll on Linux, kqueue on macOS), one request in flight per connection,
/// requests preencoded and buffers reused, so a steady run allocates nothing per request.
///
/// `run` blocks until the plan is done, the callback asks to stop, or `isCancelled` says so
/// (polled every 10 ms); it then closes every socket before returning. Each request's outcome
/// is handed to the callback on this thread as soon as it is known.
public struct LoadGenerator: Sendable {
    public let plan: LoadPlan
    public let requests: LoadRequests

    public init(plan: LoadPlan, requests: LoadRequests) throws(LoadSetupError) {
        if let problem = plan.problem() { throw .invalidPlan(problem) }
        self.plan = plan
        self.requests = requests
    }

    /// Runs the plan. `report` sees every request's outcome, warm-up included, and decides
    /// whether a response is a wrong answer and whether to go on; the response body it sees is
    /// valid only during the call. Throws only before anything is sent.
    public func run(isCancelled: @escaping @Sendable () -> Bool = { false },
                    _ report: (LoadOutcome) -> LoadDecision) throws(LoadSetupError) -> LoadTotals {
        let poller = try LoadPoller(capacity: 256)
        return withoutActuallyEscaping(report) { report in
            var run = LoadRun(plan: plan, requests: requests, poller: poller, isCancelled: isCancelled, report: report)
            return run.run()
        }
    }
}
