/// Why a URL cannot be an endpoint, as a phrase to follow "url: ".
public enum HTTPEndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidCharacter, unsupportedScheme, userInfo, fragment, missingHost, invalidHost, invalidPort

    public var description: String {
        switch self {
        case .invalidCharacter: return "expected a URL of visible ASCII characters (percent-encode the rest)"
        case .unsupportedScheme: return "expected a URL starting with http:// or https://"
        case .userInfo: return "credentials in the URL (user@host) are not accepted; send them in 'headers' from an environment variable"
        case .fragment: return "expected no '#fragment' (a server never sees it)"
        case .missingHost: return "expected a host after the scheme"
        case .invalidHost: return "expected a host name, an IPv4 address or an IPv6 address in brackets"
        case .invalidPort: return "expected a port from 1 to 65535"
        }
    }
}
