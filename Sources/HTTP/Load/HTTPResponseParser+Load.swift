/// What the load loop needs of the parser beyond its public events, so that a response's head
/// costs no allocation.
///
/// The parser resets its head for the next response before it reports `.end`; a caller that
/// kept the `.head` event's copy until then would make that reset allocate fresh storage, once
/// per response. The load loop instead takes the head's storage when `.head` is reported and
/// gives the parser an emptied one in exchange (the body and end states never read the head),
/// so two storages per connection take turns.
extension HTTPResponseParser {
    /// Moves the head just reported into `spare`, leaving the parser the old contents of
    /// `spare`, emptied with its capacity kept.
    mutating func exchangeHead(_ spare: inout HTTPResponseHead) {
        spare.reset()
        swap(&head, &spare)
    }

    /// Ready for the first response of a new connection, keeping the storage of the old one;
    /// offsets in errors count from the new connection's first byte.
    mutating func restartForNewConnection() {
        startNextResponse()
        offset = 0
        headStart = 0
    }
}
