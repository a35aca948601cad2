// fuzz-sources: Sources/HTTP
// The HTTP response parser on arbitrary bytes, cut into arbitrary reads: it must never crash,
// must report exactly the same heads, body bytes, ends and error (offset included) whatever the
// cuts, must only report body ranges inside the read it was given, and must stay within its caps.
// Byte 0 picks the cut sizes' seed, byte 1 the small caps and which responses answer HEAD; the
// rest is what the server sent.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let seed = data[0]
    let knobs = data[1]
    let bytes = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))
    let limits = knobs & 1 == 0
        ? HTTPParserLimits()
        : HTTPParserLimits(maxLineLength: 40, maxFieldCount: 3, maxHeadBytes: 120, maxBodyBytes: 50)
    let headMask = knobs >> 1
    let whole = transcript(bytes, cuts: [bytes.count], limits: limits, headMask: headMask)
    let oneByte = transcript(bytes, cuts: Array(repeating: 1, count: bytes.count), limits: limits, headMask: headMask)
    var cuts: [Int] = []
    var state = UInt32(seed) &* 2654435761 &+ 1
    var total = 0
    while total < bytes.count {
        state = state &* 1103515245 &+ 12345
        let n = 1 + Int((state >> 16) % 17)
        cuts.append(n)
        total += n
    }
    let random = transcript(bytes, cuts: cuts, limits: limits, headMask: headMask)
    if whole != oneByte || whole != random {
        fatalError("reads differ:\n\(whole)\n--- one byte at a time\n\(oneByte)\n--- cuts \(cuts)\n\(random)")
    }
    return 0
}

/// Every observation a client can make, with bodies joined per response.
private func transcript(_ bytes: [UInt8], cuts: [Int], limits: HTTPParserLimits, headMask: UInt8) -> [String] {
    var out: [String] = []
    var parser = HTTPResponseParser(limits: limits)
    var responses = 0
    var body: [UInt8] = []
    var start = 0
    if headMask & 1 != 0 { parser.expectResponseToHEAD() }
    func observe(_ event: HTTPResponseEvent, _ input: UnsafeRawBufferPointer) {
        switch event {
        case .head(let head):
            guard head.bytes.count <= limits.maxHeadBytes, head.fields.count <= limits.maxFieldCount,
                  (200...599).contains(head.status) else {
                fatalError("head beyond its caps or with an interim status: \(head)")
            }
            out.append("head \(head.status) 1.\(head.minorVersion) \(head.bytes) \(head.fields) \(head.contentLength as Any) \(head.isChunked) \(head.persists)")
        case .body(let range):
            guard range.lowerBound >= 0, range.upperBound <= input.count, !range.isEmpty else {
                fatalError("body range \(range) outside a read of \(input.count) bytes")
            }
            body.append(contentsOf: input[range])
            guard body.count <= limits.maxBodyBytes else { fatalError("body beyond its cap: \(body.count)") }
        case .end(let reusable):
            out.append("body \(body)")
            out.append("end \(reusable) at \(parser.offset)")
            body.removeAll()
            responses += 1
            if headMask >> (responses % 7) & 1 != 0 { parser.expectResponseToHEAD() }
        }
    }
    do {
        for cut in cuts {
            let end = min(start + cut, bytes.count)
            try bytes[start..<end].withUnsafeBytes { input in
                var index = 0
                while let event = try parser.next(input, at: &index) { observe(event, input) }
                guard index == input.count else { fatalError("stopped at \(index) of \(input.count)") }
            }
            start = end
        }
        if let event = try parser.finish() { observe(event, UnsafeRawBufferPointer(start: nil, count: 0)) }
        out.append("closed at \(parser.offset), body so far \(body)")
    } catch {
        out.append("error \(error), body so far \(body)")
        guard let error = error as? HTTPParseError, error.offset >= 0, error.offset <= bytes.count else {
            fatalError("error outside the stream: \(error)")
        }
    }
    return out
}
