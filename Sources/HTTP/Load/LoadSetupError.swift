/// Why a load run could not start: the plan or endpoint is unusable, or the system refused a
/// resource the loop needs. Nothing was sent when this is thrown.
public enum LoadSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host is not a numeric IPv4 or IPv6 address (or `localhost`), or the port is not 1...65535.
    case invalidEndpoint(String)
    /// A field of the plan is out of range; the message says which and what it accepts.
    case invalidPlan(String)
    /// No requests to send, or a request with no bytes.
    case noRequests
    /// The poller, its timer or a buffer could not be made: the call that failed and its errno.
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidEndpoint(let why): return "load endpoint: \(why)"
        case .invalidPlan(let why): return "load plan: \(why)"
        case .noRequests: return "load plan: expected at least one request, each of at least one byte"
        case .system(let call, let errno): return "load run: \(call) failed (errno \(errno))"
        }
    }
}
