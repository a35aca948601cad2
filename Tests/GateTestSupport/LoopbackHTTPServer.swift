import Foundation

/// A real HTTP/1.1 server on a loopback address and an ephemeral port, for tests of clients and
/// of the latency gate. Each connection is served by a thread of its own (test code: simple,
/// and 64+ connections are fine); each reply is what the test's script says for that request.
///
/// Bound to port 0, so parallel tests never clash. `stop()`, also run when the server is
/// released, shuts every connection down and waits for every thread to end.
public final class LoopbackHTTPServer: Sendable {
    private let serving: LoopbackHTTPServing

    /// Starts serving on `host` (127.0.0.1 or ::1); `script` gets each request with its number
    /// (from 1, across all connections, in order of arrival) and says what to do.
    public init(host: String = "127.0.0.1",
                script: @escaping @Sendable (_ number: Int, _ request: LoopbackRequest) -> LoopbackReply) throws {
        serving = try LoopbackHTTPServing(host: host, script: script)
    }

    /// Answers every request the same way.
    public convenience init(host: String = "127.0.0.1", reply: LoopbackReply = LoopbackReply()) throws {
        try self.init(host: host) { _, _ in reply }
    }

    deinit { serving.stop() }

    public var host: String { serving.host }
    public var port: Int { serving.port }
    /// Requests read in full so far.
    public var requestCount: Int { serving.state.withLock { $0.requestCount } }
    public var lastRequest: LoopbackRequest? { serving.state.withLock { $0.lastRequest } }
    public var connectionsAccepted: Int { serving.state.withLock { $0.connectionsAccepted } }
    /// Connections not yet closed by either side.
    public var openConnections: Int { serving.state.withLock { $0.openSockets.count } }

    /// Whether this machine can serve on ::1 (some containers have no IPv6 loopback).
    public static var supportsIPv6: Bool { LoopbackHTTPServing.supportsIPv6 }

    /// Stops accepting, shuts every connection down (waking threads blocked in reads, delays or
    /// stalls) and waits up to 10 s for every thread to end; false if one did not.
    @discardableResult
    public func stop() -> Bool { serving.stop() }
}
