import HTTP

/// Everything a client can observe of a parse: each response's head, body bytes (joined, since
/// how a body is cut into events depends on the reads), end, and where it ended; then the error
/// or the outcome of the close.
struct Transcript: Equatable, CustomStringConvertible {
    struct Response: Equatable {
        var head: HTTPResponseHead
        var body: [UInt8] = []
        var reusable: Bool?
        /// Stream offset just past the response: where the next one starts.
        var end: Int?
        var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    var responses: [Response] = []
    var error: HTTPParseError?
    /// nil when no close was given or an error came first; true when the close ended cleanly.
    var closedCleanly: Bool?

    var description: String {
        responses.map { "\($0.head.status) \($0.bodyText.debugDescription) reusable \($0.reusable as Any) end \($0.end as Any)" }
            .joined(separator: "\n") + "\nerror \(error.map { "\($0)" } ?? "none") closed \(closedCleanly as Any)"
    }

    /// Feeds `chunks` in order, then a close when `close` is true; `toHEAD` lists the indices of
    /// responses that answer HEAD requests.
    init(_ chunks: [[UInt8]], close: Bool = true, toHEAD: Set<Int> = [], limits: HTTPParserLimits = HTTPParserLimits()) {
        var parser = HTTPResponseParser(limits: limits)
        if toHEAD.contains(0) { parser.expectResponseToHEAD() }
        for chunk in chunks {
            let failure = chunk.withUnsafeBytes { input -> HTTPParseError? in
                var index = 0
                do {
                    while let event = try parser.next(input, at: &index) {
                        record(event, input: input, parser: &parser, toHEAD: toHEAD)
                    }
                    return nil
                } catch {
                    return Transcript.typed(error)
                }
            }
            if let failure {
                error = failure
                return
            }
        }
        guard close else { return }
        do {
            if let event = try parser.finish() {
                record(event, input: UnsafeRawBufferPointer(start: nil, count: 0), parser: &parser, toHEAD: toHEAD)
            }
            closedCleanly = true
        } catch {
            self.error = Transcript.typed(error)
        }
    }

    /// The parser throws only HTTPParseError; do-catch does not infer that type yet.
    private static func typed(_ error: any Error) -> HTTPParseError {
        error as? HTTPParseError ?? HTTPParseError(offset: -1, .expected("an HTTPParseError, not \(error)", found: nil))
    }

    private mutating func record(_ event: HTTPResponseEvent, input: UnsafeRawBufferPointer,
                                 parser: inout HTTPResponseParser, toHEAD: Set<Int>) {
        switch event {
        case .head(let head):
            responses.append(Response(head: head))
        case .body(let range):
            responses[responses.count - 1].body.append(contentsOf: input[range])
        case .end(let reusable):
            responses[responses.count - 1].reusable = reusable
            responses[responses.count - 1].end = parser.offset
            if toHEAD.contains(responses.count) { parser.expectResponseToHEAD() }
        }
    }
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The transcript of `text` read in one chunk, which every other split must reproduce.
func parse(_ text: String, close: Bool = true, toHEAD: Set<Int> = [], limits: HTTPParserLimits = HTTPParserLimits()) -> Transcript {
    Transcript([bytes(text)], close: close, toHEAD: toHEAD, limits: limits)
}

/// Every way of cutting `text` into two reads, and one byte per read.
func splits(of text: String) -> [[[UInt8]]] {
    let all = bytes(text)
    var result = (0...all.count).map { [Array(all[..<$0]), Array(all[$0...])] }
    result.append(all.map { [$0] })
    return result
}

/// The error's one-line message, or nil when the text parses.
func parseError(_ text: String, close: Bool = true, limits: HTTPParserLimits = HTTPParserLimits()) -> HTTPParseError? {
    parse(text, close: close, limits: limits).error
}

/// Byte offset of the first occurrence of `needle` in `text`, to locate expected errors.
func position(of needle: String, in text: String) -> Int {
    let hay = bytes(text), pin = bytes(needle)
    for start in 0...(hay.count - pin.count) where Array(hay[start..<(start + pin.count)]) == pin {
        return start
    }
    return -1
}
