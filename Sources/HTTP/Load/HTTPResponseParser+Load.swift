/// What the load loop needs of the parser beyond its public events, so that it reuses the
/// parser's head storage instead of copying it per response.
///
/// The public `.end` event comes after the parser has reset its head for the next response; a
/// caller that kept the `.head` event's copy until then would make that reset allocate fresh
/// storage, once per response. The load loop instead hands the callback the parser's own head
/// at the moment the body is complete, before `.end` is asked for.
extension HTTPResponseParser {
    /// The response is complete and its `.end` not yet reported: `currentHead` is its head.
    var holdsCompleteResponse: Bool {
        if case .complete = state { return true }
        return false
    }

    /// The body runs until the server closes (no Content-Length, not chunked): the head will be
    /// reset by the time `finish()` reports the end, so the loop keeps a copy of this one.
    var readsUntilClose: Bool { state == .untilClose }

    var currentHead: HTTPResponseHead { head }

    /// Ready for the first response of a new connection, keeping the storage of the old one;
    /// offsets in errors count from the new connection's first byte.
    mutating func restartForNewConnection() {
        startNextResponse()
        offset = 0
        headStart = 0
    }
}
