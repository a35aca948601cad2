/// A request the writer refuses to build. Messages name the header, never its value: values
/// may be credentials (an Authorization header).
public enum HTTPRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidTarget
    case invalidHost
    /// The 1-based position of the header in the list given, as its name may not be printable.
    case invalidHeaderName(position: Int)
    case invalidHeaderValue(name: String)
    /// Host, Content-Length, Transfer-Encoding, Connection and Content-Type are the writer's.
    case reservedHeader(name: String)
    case invalidContentType

    public var description: String {
        switch self {
        case .invalidTarget:
            return "HTTP request: expected a target starting with '/' with no spaces or control characters"
        case .invalidHost:
            return "HTTP request: expected a host (and port) of visible ASCII characters other than '/', '?', '#' and '@'"
        case .invalidHeaderName(let position):
            return "HTTP request: header \(position): expected a name of letters, digits or !#$%&'*+-.^_`|~"
        case .invalidHeaderValue(let name):
            return "HTTP request: header '\(name)': expected a value without line breaks or control characters (value not shown)"
        case .reservedHeader(let name):
            return "HTTP request: header '\(name)' is set by the client; remove it"
        case .invalidContentType:
            return "HTTP request: expected a content type without line breaks or control characters"
        }
    }
}
