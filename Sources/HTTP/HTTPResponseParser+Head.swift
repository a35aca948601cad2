// The status line, the field lines and the framing decision (RFC 9112 §4, §5, §6.3).
extension HTTPResponseParser {
    /// A line of the head ended (its CRLF is the last two bytes of head.bytes).
    mutating func headLineEnded() throws(HTTPParseError) -> HTTPResponseEvent? {
        let content = lineStart..<(head.bytes.count - 2)
        defer { lineStart = head.bytes.count }
        if content.lowerBound == 0 {
            try readStatusLine(content)
            return nil
        }
        if !content.isEmpty {
            try readFieldLine(content)
            return nil
        }
        return try headEnded()
    }

    private func at(_ index: Int) -> Int { headStart + index }

    private func expected(_ what: String, at index: Int, end: Int) -> HTTPParseError {
        HTTPParseError(offset: at(index), .expected(what, found: index < end ? head.bytes[index] : nil))
    }

    /// `HTTP/1.x SP 3DIGIT [SP reason]`; a missing SP before an empty reason is tolerated, as
    /// the reason is to be ignored anyway.
    private mutating func readStatusLine(_ line: Range<Int>) throws(HTTPParseError) {
        let bytes = head.bytes
        let end = line.upperBound
        var i = line.lowerBound
        let prefix = HTTPGrammar.versionPrefix
        for k in 0..<prefix.utf8CodeUnitCount {
            guard i < end, bytes[i] == prefix.utf8Start[k] else {
                if k == 5, i < end, HTTPGrammar.digit(bytes[i]) != nil {
                    throw HTTPParseError(offset: at(i), .unsupportedVersion)
                }
                throw expected("a status line starting 'HTTP/1.'", at: i, end: end)
            }
            i += 1
        }
        guard i < end, let minor = HTTPGrammar.digit(bytes[i]) else {
            throw expected("the minor version digit after 'HTTP/1.'", at: i, end: end)
        }
        i += 1
        guard i < end, bytes[i] == HTTPGrammar.space else { throw expected("a space after the HTTP version", at: i, end: end) }
        i += 1
        let codeStart = i
        var status = 0
        for _ in 0..<3 {
            guard i < end, let d = HTTPGrammar.digit(bytes[i]) else {
                throw expected("a 3-digit status code", at: i, end: end)
            }
            status = status * 10 + d
            i += 1
        }
        guard (100...599).contains(status) else { throw HTTPParseError(offset: at(codeStart), .statusCodeOutOfRange) }
        if i < end {
            guard bytes[i] == HTTPGrammar.space else { throw expected("a space after the status code", at: i, end: end) }
            i += 1
        }
        let reasonStart = i
        while i < end {
            guard HTTPGrammar.isFieldByte(bytes[i]) else {
                throw expected("a reason phrase of visible characters, spaces and tabs", at: i, end: end)
            }
            i += 1
        }
        head.minorVersion = min(minor, 1)
        head.status = status
        head.reasonRange = reasonStart..<end
    }

    private mutating func readFieldLine(_ line: Range<Int>) throws(HTTPParseError) {
        guard head.fields.count < limits.maxFieldCount else {
            throw HTTPParseError(offset: at(line.lowerBound), .tooManyFields(limit: limits.maxFieldCount))
        }
        let field = try Self.fieldLine(head.bytes, line, startOffset: headStart)
        head.fields.append(field)
        let name = field.name, value = field.value
        let lineOffset = at(line.lowerBound)
        if HTTPGrammar.equalsIgnoringCase(head.bytes, name, HTTPGrammar.contentLength) {
            guard !head.isChunked else { throw HTTPParseError(offset: lineOffset, .contentLengthWithTransferEncoding) }
            if head.contentLength == nil { contentLengthOffset = at(value.lowerBound) }
            try readContentLength(value)
        } else if HTTPGrammar.equalsIgnoringCase(head.bytes, name, HTTPGrammar.transferEncoding) {
            guard head.minorVersion >= 1 else { throw HTTPParseError(offset: lineOffset, .transferEncodingInHTTP10) }
            guard head.contentLength == nil else { throw HTTPParseError(offset: lineOffset, .contentLengthWithTransferEncoding) }
            try readTransferEncoding(value)
        } else if HTTPGrammar.equalsIgnoringCase(head.bytes, name, HTTPGrammar.contentType) {
            guard head.contentTypeRange == nil else { throw HTTPParseError(offset: lineOffset, .duplicateContentType) }
            head.contentTypeRange = value
        } else if HTTPGrammar.equalsIgnoringCase(head.bytes, name, HTTPGrammar.connection) {
            let bytes = head.bytes
            var close = false, keepAlive = false
            try HTTPGrammar.forEachListElement(bytes, in: value) { option in
                if HTTPGrammar.equalsIgnoringCase(bytes, option, HTTPGrammar.close) { close = true }
                if HTTPGrammar.equalsIgnoringCase(bytes, option, HTTPGrammar.keepAlive) { keepAlive = true }
            }
            head.connectionClose = head.connectionClose || close
            head.connectionKeepAlive = head.connectionKeepAlive || keepAlive
        }
    }

    /// `name ":" OWS value OWS` with a token name and a value free of control bytes. Shared by
    /// header and trailer lines; `startOffset` is the stream offset of bytes[0].
    static func fieldLine(_ bytes: [UInt8], _ line: Range<Int>, startOffset: Int) throws(HTTPParseError) -> HTTPHeaderField {
        func fail(_ what: String, _ i: Int) -> HTTPParseError {
            HTTPParseError(offset: startOffset + i, .expected(what, found: i < line.upperBound ? bytes[i] : nil))
        }
        var i = line.lowerBound
        if HTTPGrammar.isWhitespace(bytes[i]) { throw HTTPParseError(offset: startOffset + i, .obsoleteLineFolding) }
        while i < line.upperBound, HTTPGrammar.isTokenByte(bytes[i]) { i += 1 }
        guard i > line.lowerBound else { throw fail("a header name", i) }
        guard i < line.upperBound, bytes[i] == UInt8(ascii: ":") else {
            throw fail("':' right after the header name", i)
        }
        let name = line.lowerBound..<i
        i += 1
        while i < line.upperBound, HTTPGrammar.isWhitespace(bytes[i]) { i += 1 }
        let valueStart = i
        var valueEnd = i
        while i < line.upperBound {
            guard HTTPGrammar.isFieldByte(bytes[i]) else { throw fail("a header value without control bytes", i) }
            if !HTTPGrammar.isWhitespace(bytes[i]) { valueEnd = i + 1 }
            i += 1
        }
        return HTTPHeaderField(name: name, value: valueStart..<valueEnd)
    }

    /// Digits, or a list of equal digit strings (RFC 9110 §8.6); repeated fields must agree too.
    private mutating func readContentLength(_ value: Range<Int>) throws(HTTPParseError) {
        let bytes = head.bytes
        let start = headStart
        var length = head.contentLength
        try HTTPGrammar.forEachListElement(bytes, in: value) { (element: Range<Int>) throws(HTTPParseError) in
            guard !element.isEmpty else { throw HTTPParseError(offset: start + element.lowerBound, .invalidContentLength) }
            var n = 0
            for i in element {
                guard let d = HTTPGrammar.digit(bytes[i]) else { throw HTTPParseError(offset: start + i, .invalidContentLength) }
                guard n <= (Int.max - d) / 10 else { throw HTTPParseError(offset: start + i, .sizeOverflow) }
                n = n * 10 + d
            }
            if let earlier = length, earlier != n {
                throw HTTPParseError(offset: start + element.lowerBound, .conflictingContentLength)
            }
            length = n
        }
        head.contentLength = length
    }

    /// Only `chunked`, once: this client decodes no other coding, and chunked applied twice is
    /// an error (RFC 9112 §7).
    private mutating func readTransferEncoding(_ value: Range<Int>) throws(HTTPParseError) {
        let bytes = head.bytes
        let start = headStart
        var chunked = head.isChunked
        try HTTPGrammar.forEachListElement(bytes, in: value) { (coding: Range<Int>) throws(HTTPParseError) in
            guard !chunked, HTTPGrammar.equalsIgnoringCase(bytes, coding, HTTPGrammar.chunked) else {
                throw HTTPParseError(offset: start + coding.lowerBound, .unsupportedTransferCoding)
            }
            chunked = true
        }
        head.isChunked = chunked
    }

    /// The blank line: skip an interim response, or decide the body's framing (RFC 9112 §6.3).
    private mutating func headEnded() throws(HTTPParseError) -> HTTPResponseEvent? {
        if head.status == 101 {
            throw HTTPParseError(offset: headStart + 9, .switchingProtocols)
        }
        if head.status < 200 {
            head.reset()
            headStart = offset
            lineStart = 0
            skippedInterim = true
            return nil
        }
        reusable = head.persists
        if answersHEAD || head.status == 204 || head.status == 304 {
            state = .complete(reusable: reusable)
        } else if head.isChunked {
            state = .chunkSize
        } else if let length = head.contentLength {
            guard length <= limits.maxBodyBytes else {
                throw HTTPParseError(offset: contentLengthOffset, .bodyTooLarge(limit: limits.maxBodyBytes))
            }
            state = length == 0 ? .complete(reusable: reusable) : .body(remaining: length)
        } else {
            reusable = false
            state = .untilClose
        }
        return .head(head)
    }
}
