/// An incremental HTTP/1.1 response parser (RFC 9112) for a client's connection: fed the bytes
/// of a socket in chunks of any size, it reports each response's head, its body bytes (as ranges
/// of the input, never copied) and its end, and where the next response starts.
///
/// Usage: for each chunk read, call `next(_:at:)` until it returns nil (every byte is then
/// consumed; partial lines are kept inside); when the server closes, call `finish()`. A
/// malformed response throws an `HTTPParseError` located by stream offset, and the parser stays
/// failed: the connection cannot be trusted after it. Memory is bounded by `limits`; the parser
/// does no I/O and keeps no clock, so time-outs are the client's.
public struct HTTPResponseParser: Sendable {
    enum State: Sendable, Equatable {
        case head                      // status line and field lines, into head.bytes
        case body(remaining: Int)      // Content-Length framing
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd(sawCR: Bool) // the CRLF after a chunk's data
        case trailer
        case untilClose
        case complete(reusable: Bool)  // `.end` not yet reported
        case failed(HTTPParseError)
    }

    public let limits: HTTPParserLimits
    /// Stream offset of the next byte to be consumed: bytes consumed since the parser was made.
    public internal(set) var offset = 0
    var state = State.head
    var head = HTTPResponseHead()
    /// Stream offset of head.bytes[0].
    var headStart = 0
    /// Where the line being read starts in head.bytes (0: the status line).
    var lineStart = 0
    /// A 1xx response was skipped: the final response is still owed.
    var skippedInterim = false
    var contentLengthOffset = 0
    var answersHEAD = false
    var reusable = false
    var bodyReceived = 0
    var chunkLine = ChunkSizeLine()
    var trailer: [UInt8] = []
    var trailerStart = 0
    var trailerLineStart = 0
    var trailerFieldCount = 0

    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
        head.bytes.reserveCapacity(1024)
        head.fields.reserveCapacity(16)
    }

    /// Says that the response being awaited answers a HEAD request, so it has no body whatever
    /// its headers say (RFC 9112 §6.3). Applies to that response only: call it after the
    /// previous response's `.end` (or on a new parser) and before this one's head ends.
    public mutating func expectResponseToHEAD() {
        answersHEAD = true
    }

    /// The next event found in `input` from `index` on, advancing `index` past what it used;
    /// nil once all of `input` is consumed and more bytes are needed.
    public mutating func next(_ input: UnsafeRawBufferPointer, at index: inout Int) throws(HTTPParseError) -> HTTPResponseEvent? {
        precondition(index >= 0 && index <= input.count, "index outside the input")
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .complete(let reusable):
                startNextResponse()
                return .end(reusable: reusable)
            default:
                break
            }
            guard index < input.count else { return nil }
            do {
                if let event = try step(input, &index) { return event }
            } catch {
                state = .failed(error)
                throw error
            }
        }
    }

    /// Tells the parser that the server closed the connection. Returns `.end` when that close
    /// ends a body read until close (or an end not yet reported), nil when the close falls
    /// between responses, and throws when it cuts a response short.
    public mutating func finish() throws(HTTPParseError) -> HTTPResponseEvent? {
        switch state {
        case .failed(let error):
            throw error
        case .complete(let reusable):
            startNextResponse()
            return .end(reusable: reusable)
        case .untilClose:
            startNextResponse()
            return .end(reusable: false)
        case .head where head.bytes.isEmpty && !skippedInterim:
            return nil
        default:
            let error = HTTPParseError(offset: offset, .closedEarly(stillExpected))
            state = .failed(error)
            throw error
        }
    }

    /// Consumes at least one byte of `input` (from a non-complete, non-failed state), or moves
    /// to a state that reports an event.
    private mutating func step(_ input: UnsafeRawBufferPointer, _ index: inout Int) throws(HTTPParseError) -> HTTPResponseEvent? {
        switch state {
        case .head:
            guard try Self.appendLine(input, &index, &offset, to: &head.bytes, lineStart: lineStart, limits: limits) else {
                return nil
            }
            return try headLineEnded()
        case .body(let remaining):
            let range = take(upTo: remaining, of: input, &index)
            state = range.count == remaining ? .complete(reusable: reusable) : .body(remaining: remaining - range.count)
            return .body(range)
        case .chunkData(let remaining):
            let range = take(upTo: remaining, of: input, &index)
            state = range.count == remaining ? .chunkDataEnd(sawCR: false) : .chunkData(remaining: remaining - range.count)
            return .body(range)
        case .untilClose:
            let room = limits.maxBodyBytes - bodyReceived
            guard room > 0 else { throw HTTPParseError(offset: offset, .bodyTooLarge(limit: limits.maxBodyBytes)) }
            let range = take(upTo: room, of: input, &index)
            bodyReceived += range.count
            return .body(range)
        case .chunkSize:
            try readChunkSize(input, &index)
            return nil
        case .chunkDataEnd(let sawCR):
            try readChunkDataEnd(input[index], sawCR: sawCR)
            index += 1
            offset += 1
            return nil
        case .trailer:
            guard try Self.appendLine(input, &index, &offset, to: &trailer, lineStart: trailerLineStart, limits: limits) else {
                return nil
            }
            try trailerLineEnded()
            return nil
        case .complete, .failed:
            return nil
        }
    }

    private mutating func take(upTo count: Int, of input: UnsafeRawBufferPointer, _ index: inout Int) -> Range<Int> {
        let n = min(count, input.count - index)
        let range = index..<(index + n)
        index += n
        offset += n
        return range
    }

    mutating func startNextResponse() {
        head.reset()
        headStart = offset
        lineStart = 0
        skippedInterim = false
        answersHEAD = false
        reusable = false
        bodyReceived = 0
        chunkLine = ChunkSizeLine()
        trailer.removeAll(keepingCapacity: true)
        trailerLineStart = 0
        trailerFieldCount = 0
        state = .head
    }

    private var stillExpected: String {
        switch state {
        case .head where lineStart == 0 && head.bytes.isEmpty: return "the final response after an interim 1xx response"
        case .head where lineStart == 0: return "the rest of the status line"
        case .head: return "the rest of the header section"
        case .body(let remaining): return "\(remaining) more body bytes (Content-Length)"
        case .chunkSize, .chunkData, .chunkDataEnd: return "the rest of the chunked body"
        default: return "the end of the trailer section"
        }
    }

    /// Appends the bytes of `input` up to and including the next LF to `buffer`; true when a
    /// line ended. Fails at the first byte past the line or section cap, and at a bare LF.
    static func appendLine(_ input: UnsafeRawBufferPointer, _ index: inout Int, _ offset: inout Int,
                           to buffer: inout [UInt8], lineStart: Int, limits: HTTPParserLimits) throws(HTTPParseError) -> Bool {
        let lineRoom = limits.maxLineLength - (buffer.count - lineStart)
        let sectionRoom = limits.maxHeadBytes - buffer.count
        let room = min(lineRoom, sectionRoom)
        let end = index + min(room, input.count - index)
        var i = index
        while i < end, input[i] != HTTPGrammar.lf { i += 1 }
        let found = i < end
        let stop = found ? i + 1 : end
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[index..<stop]))
        offset += stop - index
        index = stop
        if found {
            guard buffer.count - lineStart >= 2, buffer[buffer.count - 2] == HTTPGrammar.cr else {
                throw HTTPParseError(offset: offset - 1, .expected("CR before LF (lines end with CRLF)", found: HTTPGrammar.lf))
            }
            return true
        }
        if index < input.count {
            throw HTTPParseError(offset: offset, lineRoom <= sectionRoom
                ? .lineTooLong(limit: limits.maxLineLength) : .headTooLarge(limit: limits.maxHeadBytes))
        }
        return false
    }
}
