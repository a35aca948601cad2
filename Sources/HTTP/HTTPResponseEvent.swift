/// One step of a response, as `HTTPResponseParser.next(_:at:)` reports it.
public enum HTTPResponseEvent: Sendable, Equatable {
    /// The head of the final response (interim 1xx responses are skipped).
    case head(HTTPResponseHead)
    /// These indices of the input just given are body bytes (chunked coding already removed).
    case body(Range<Int>)
    /// The response is complete; the next byte starts the next response. `reusable` says whether
    /// the connection may carry another request.
    case end(reusable: Bool)
}
