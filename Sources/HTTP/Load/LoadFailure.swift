#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a request got no response. 4xx and 5xx answers are responses, not failures: the caller
/// classifies them by status.
public enum LoadFailure: Sendable, Equatable, CustomStringConvertible {
    /// The connection could not be made (refused, unreachable, no file descriptor left): the errno.
    case connect(errno: Int32)
    case timeout(Stage)
    /// The server closed or reset the connection before the response ended: `midResponse` when
    /// part of the response had arrived, false when none had (or the request could not be written).
    case closed(midResponse: Bool)
    /// The response broke HTTP/1.1 framing; the connection was dropped.
    case invalidResponse(HTTPParseError)

    /// Which wait ran out.
    public enum Stage: Sendable, Equatable {
        /// Connecting took longer than the connect timeout.
        case connect
        /// The response was not complete within the request timeout of the request's start.
        case response
        /// Open model only: no connection was free before the request timeout of its due time,
        /// so it was never sent.
        case backlog
    }

    /// The failure kinds, for counting.
    public enum Kind: Sendable, Equatable, CaseIterable {
        case connect, timeout, closed, invalidResponse
    }

    public var kind: Kind {
        switch self {
        case .connect: return .connect
        case .timeout: return .timeout
        case .closed: return .closed
        case .invalidResponse: return .invalidResponse
        }
    }

    public var description: String {
        switch self {
        case .connect(let errno): return "connect failed: \(String(cString: strerror(errno)))"
        case .timeout(.connect): return "timed out connecting"
        case .timeout(.response): return "timed out waiting for the response"
        case .timeout(.backlog): return "timed out waiting for a free connection (never sent)"
        case .closed(let midResponse):
            return midResponse ? "server closed the connection in the middle of the response"
                : "server closed the connection before answering"
        case .invalidResponse(let error): return "invalid response: \(error)"
        }
    }
}
