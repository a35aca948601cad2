import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// The `https://` transport: Foundation's URLSession (FoundationNetworking on Linux, a toolchain
/// library), which brings TLS without a package. Its timings include URLSession's own queues and
/// connection pool, so they are not comparable with the socket client's: whatever reports them
/// says `clientName`.
///
/// Each request sets its headers itself; the session stores no cookies, credentials or cache.
/// URLSession reads a body whole before handing it over, so the size cap is checked after the
/// response arrived (the socket client checks it as bytes arrive).
public final class URLSessionTransport: HTTPTransport {
    public let endpoint: HTTPEndpoint
    public var clientName: String { "URLSession" }
    public var resentRequests: Int { 0 }
    private let headers: [(name: String, value: String)]
    private let limits: HTTPClientLimits
    private let session: URLSession

    public init(endpoint: HTTPEndpoint, headers: [(name: String, value: String)] = [], limits: HTTPClientLimits = HTTPClientLimits()) {
        self.endpoint = endpoint
        self.headers = headers
        self.limits = limits
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = limits.readTimeout.inSeconds
        configuration.timeoutIntervalForResource = limits.connectTimeout.inSeconds + limits.readTimeout.inSeconds
        configuration.httpCookieStorage = nil
        configuration.urlCredentialStorage = nil
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        configuration.httpMaximumConnectionsPerHost = 1
        session = URLSession(configuration: configuration)
    }

    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let text = "\(endpoint.scheme.rawValue)://\(endpoint.authority)\(request.target)"
        guard let url = URL(string: text) else { throw .invalidRequest(.invalidTarget) }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        if let type = request.contentType { urlRequest.setValue(type, forHTTPHeaderField: "Content-Type") }
        for header in headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        if request.method == .post || !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            throw Self.describe(error, endpoint: endpoint, limits: limits)
        } catch is CancellationError {
            throw .cancelled
        } catch {
            throw .transport("https request to \(endpoint) failed: \(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else { throw .transport("https request to \(endpoint): not an HTTP response") }
        guard data.count <= limits.parser.maxBodyBytes else {
            throw .invalidResponse(HTTPParseError(offset: limits.parser.maxBodyBytes, .bodyTooLarge(limit: limits.parser.maxBodyBytes)))
        }
        let fields = http.allHeaderFields.compactMap { key, value -> (name: String, value: String)? in
            guard let name = key as? String else { return nil }
            return (name, "\(value)")
        }
        return HTTPResponse(status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type"), body: [UInt8](data),
                            fields: fields)
    }

    public func close() async {
        session.invalidateAndCancel()
    }

    static func describe(_ error: URLError, endpoint: HTTPEndpoint, limits: HTTPClientLimits) -> HTTPClientError {
        switch error.code {
        case .cancelled: return .cancelled
        case .cannotFindHost, .dnsLookupFailed: return .resolveFailed(host: endpoint.host, reason: "not found (URLSession)")
        case .cannotConnectToHost: return .connectFailed(endpoint: endpoint.authority, reason: "URLSession could not connect")
        case .timedOut: return .transport("https request to \(endpoint) timed out (URLSession, limit \(HTTPClientError.seconds(limits.readTimeout.inSeconds)) between bytes)")
        case .networkConnectionLost: return .transport("https: \(endpoint) closed the connection mid-response (URLSession)")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return .transport("https: TLS with \(endpoint) failed (URLSession error \(error.code.rawValue)\(cause(error))); check the server's certificate")
        default:
            return .transport("https request to \(endpoint) failed (URLSession error \(error.code.rawValue)\(cause(error)))")
        }
    }

    /// On Linux URLSession reports curl's failures (a certificate it does not trust among them) as
    /// error -1, with curl's own words as the only cause: kept, shortened and printable.
    static func cause(_ error: URLError) -> String {
        guard let text = error.userInfo[NSLocalizedDescriptionKey] as? String, !text.isEmpty else { return "" }
        let printable = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }.prefix(200)))
        return ": " + printable
    }
}
