/// What one load run does: where, how requests arrive, how long, and how long to wait.
public struct LoadPlan: Sendable, Equatable {
    public var endpoint: LoadEndpoint
    public var arrival: LoadArrival
    /// Requests started in this first phase are sent and reported with `isWarmup` but kept out
    /// of the measured counts and wall time.
    public var warmup: LoadLength
    /// The measured phase: it ends at its request count or duration, whichever comes first; the
    /// requests already started then are finished (each within its timeout) and counted.
    public var measured: LoadLength
    /// Longest wait for a TCP connection, counted from when connecting began.
    public var connectTimeout: Duration
    /// Longest wait for a whole response, counted from the request's start (its intended start in
    /// the open model), so a request that waited for a connection has less time left.
    public var requestTimeout: Duration
    public var parserLimits: HTTPParserLimits

    public init(endpoint: LoadEndpoint, arrival: LoadArrival, warmup: LoadLength = .none, measured: LoadLength,
                connectTimeout: Duration = .seconds(2), requestTimeout: Duration = .seconds(10),
                parserLimits: HTTPParserLimits = HTTPParserLimits()) {
        self.endpoint = endpoint
        self.arrival = arrival
        self.warmup = warmup
        self.measured = measured
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.parserLimits = parserLimits
    }

    /// The first field out of range, as a message; nil when the plan can run.
    func problem() -> String? {
        switch arrival {
        case .closed(let connections):
            if connections < 1 { return "expected at least 1 connection, got \(connections)" }
        case .open(let rate, let maxConnections):
            if !(rate.isFinite && rate > 0) { return "expected a rate above 0 requests per second, got \(rate)" }
            if maxConnections < 1 { return "expected at least 1 connection, got \(maxConnections)" }
        }
        if measured.isNone { return "expected a number of requests or a duration to measure" }
        for (name, length) in [("warm-up", warmup), ("measured", measured)] {
            if let requests = length.requests, requests < (name == "warm-up" ? 0 : 1) {
                return "expected a \(name) request count of at least \(name == "warm-up" ? 0 : 1), got \(requests)"
            }
            if let duration = length.duration, duration <= .zero { return "expected a \(name) duration above 0" }
        }
        if connectTimeout <= .zero || requestTimeout <= .zero { return "expected timeouts above 0" }
        return nil
    }
}
