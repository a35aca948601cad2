/// Why a request got no complete response, one case per thing that can happen on the way.
///
/// Messages name the endpoint, the time limit and how much was received, never a header or a
/// body: a request may carry credentials and a response personal data.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host name did not resolve (the resolver's own words).
    case resolveFailed(host: String, reason: String)
    case connectRefused(endpoint: String)
    case connectTimedOut(endpoint: String, seconds: Double)
    /// Any other connect failure, with the system's message.
    case connectFailed(endpoint: String, reason: String)
    /// The request could not be written (the server reset or closed the connection).
    case sendFailed(endpoint: String, reason: String)
    /// No complete response within the read timeout, counted from the request's first byte.
    case readTimedOut(seconds: Double, receivedBytes: Int)
    /// The server closed the connection before a byte of the response.
    case closedBeforeResponse(endpoint: String)
    /// The server closed the connection part-way through a response.
    case closedMidResponse(offset: Int, expected: String)
    /// The response broke HTTP/1.1 or a size cap; located by byte offset in the connection.
    case invalidResponse(HTTPParseError)
    case invalidRequest(HTTPRequestError)
    /// The caller stopped waiting (the gate's time ran out or the run was interrupted).
    case cancelled
    /// The URLSession client's failure, in its own words (the https path only).
    case transport(String)

    public var description: String {
        switch self {
        case .resolveFailed(let host, let reason):
            return "cannot resolve host '\(host)': \(reason)"
        case .connectRefused(let endpoint):
            return "connection to \(endpoint) refused (is the server running and listening there?)"
        case .connectTimedOut(let endpoint, let seconds):
            return "connect to \(endpoint) timed out after \(Self.seconds(seconds))"
        case .connectFailed(let endpoint, let reason):
            return "cannot connect to \(endpoint): \(reason)"
        case .sendFailed(let endpoint, let reason):
            return "cannot send the request to \(endpoint): \(reason)"
        case .readTimedOut(let seconds, let received):
            return "timeout after \(Self.seconds(seconds)): no complete response (\(received) bytes of it received)"
        case .closedBeforeResponse(let endpoint):
            return "\(endpoint) closed the connection without answering"
        case .closedMidResponse(let offset, let expected):
            return "the server closed the connection mid-response at byte \(offset); expected \(expected)"
        case .invalidResponse(let error):
            return "invalid response: \(error)"
        case .invalidRequest(let error):
            return "\(error)"
        case .cancelled:
            return "the request was cancelled before its response arrived"
        case .transport(let message):
            return message
        }
    }

    /// `5 s`, `0.25 s`: durations as configured, without noise digits.
    static func seconds(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? "\(Int(rounded)) s" : "\(rounded) s"
    }
}
