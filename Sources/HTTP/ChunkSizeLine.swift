/// Progress through one `chunk-size [chunk-ext] CRLF` line (RFC 9112 §7.1), kept between
/// input chunks; extensions are checked for control bytes and otherwise ignored.
struct ChunkSizeLine: Sendable, Equatable {
    enum Phase: Sendable, Equatable {
        case size        // hex digits
        case whitespace  // BWS after the size: only ';' may follow
        case extensions  // from the first ';' to CR
        case cr          // CR seen, LF owed
    }

    var phase = Phase.size
    var size = 0
    var digits = 0
    var length = 0
}
