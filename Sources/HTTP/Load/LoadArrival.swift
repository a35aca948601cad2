/// How requests arrive at the server: the two models of wrk (closed) and wrk2 or k6's
/// constant-arrival-rate executor (open).
public enum LoadArrival: Sendable, Equatable {
    /// `connections` keep-alive connections, each sending its next request as soon as the
    /// previous response is complete. A request's latency runs from the moment its connection
    /// takes it (including a reconnect, when the server closed the connection).
    case closed(connections: Int)
    /// Request i is due at start + i / `rate` seconds, whatever the server does; it goes out on
    /// a free connection, opened as needed up to `maxConnections`. Its latency runs from when it
    /// was due, so time spent waiting for a free connection counts (coordinated omission
    /// corrected). Requests waiting for a connection are a count, not a queue: one still unsent
    /// when its request timeout has passed since it was due fails as `.timeout(.backlog)`.
    case open(rate: Double, maxConnections: Int)
}
