/// Why a request failed, as the report counts them (`errors_timeout`, ...).
enum LoadErrorKind: String, Sendable, CaseIterable, Codable {
    /// No connection: refused, unreachable, or not established within `connect_timeout`.
    case connect
    /// No complete answer within `request_timeout` of the request's intended start.
    case timeout
    /// The server closed the connection before its answer was complete.
    case closed
    case http4xx = "http_4xx"
    case http5xx = "http_5xx"
    /// Not a well-formed HTTP response, another status than 2xx/4xx/5xx, or an answer body the
    /// protocol cannot read (a command predictor's line that is not an answer).
    case invalidResponse = "invalid_response"
    /// A readable answer with more or fewer predictions than rows sent.
    case wrongAnswerCount = "wrong_answer_count"

    /// The evidence entry that counts this kind.
    var evidenceName: String { "errors_\(rawValue)" }

    /// The kind of an HTTP status that is not a success; nil for 2xx.
    static func of(status: Int) -> LoadErrorKind? {
        switch status {
        case 200..<300: return nil
        case 400..<500: return .http4xx
        case 500..<600: return .http5xx
        default: return .invalidResponse
        }
    }
}
