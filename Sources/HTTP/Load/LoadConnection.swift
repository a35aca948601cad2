/// One connection slot of a load run: its socket (reopened as needed), the request it carries
/// and the state of its response. Buffers live as long as the slot, so steady-state requests
/// allocate nothing.
struct LoadConnection {
    enum Phase: Equatable {
        /// No socket.
        case closed
        case connecting
        /// Connected, no request in flight.
        case idle
        /// Writing the request.
        case writing
        case awaitingResponse
    }

    var phase = Phase.closed
    var fd: Int32 = -1
    /// Bumped for each new socket, and part of its poll token, so a report about a socket
    /// already closed is not taken for its successor on the same slot.
    var generation: UInt32 = 0
    var parser: HTTPResponseParser
    /// The head of the response being read, taken from the parser when it was reported.
    var head = HTTPResponseHead()
    /// Body bytes of the response being read, joined across reads.
    var body: [UInt8] = []
    var receivedResponseBytes = false
    var watchesWritable = false
    var connectDeadline: UInt64 = 0

    /// The request in flight (valid when `hasRequest`).
    var hasRequest = false
    var sequence = 0
    var requestIndex = 0
    var isWarmup = false
    var intendedStart: UInt64 = 0
    var deadline: UInt64 = 0
    var firstWrite: UInt64?
    var written = 0

    init(limits: HTTPParserLimits) {
        parser = HTTPResponseParser(limits: limits)
        head.bytes.reserveCapacity(1024)
        head.fields.reserveCapacity(16)
        body.reserveCapacity(4096)
    }

    /// Takes the head the parser just reported (see `HTTPResponseParser.exchangeHead`).
    mutating func keepHead() {
        parser.exchangeHead(&head)
    }

    /// Forgets the socket (already closed by the caller) and any response state.
    mutating func resetForNewSocket() {
        fd = -1
        phase = .closed
        parser.restartForNewConnection()
        body.removeAll(keepingCapacity: true)
        receivedResponseBytes = false
        watchesWritable = false
    }

    /// Forgets the request that just ended, keeping the socket.
    mutating func endRequest() {
        hasRequest = false
        firstWrite = nil
        written = 0
        body.removeAll(keepingCapacity: true)
        receivedResponseBytes = false
    }
}
