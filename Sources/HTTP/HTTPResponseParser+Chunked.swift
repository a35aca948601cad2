// The chunked transfer coding: chunk-size lines, the CRLF after each chunk's data, and the
// trailer section, which is read, checked and bounded, then dropped (RFC 9112 §7.1).
extension HTTPResponseParser {
    mutating func readChunkSize(_ input: UnsafeRawBufferPointer, _ index: inout Int) throws(HTTPParseError) {
        while index < input.count {
            let b = input[index]
            guard chunkLine.length < limits.maxLineLength else {
                throw HTTPParseError(offset: offset, .lineTooLong(limit: limits.maxLineLength))
            }
            switch chunkLine.phase {
            case .size:
                if let d = HTTPGrammar.hexDigit(b) {
                    guard chunkLine.size <= (Int.max - d) >> 4 else { throw HTTPParseError(offset: offset, .sizeOverflow) }
                    chunkLine.size = chunkLine.size << 4 | d
                    chunkLine.digits += 1
                    guard chunkLine.size <= limits.maxBodyBytes - bodyReceived else {
                        throw HTTPParseError(offset: offset, .bodyTooLarge(limit: limits.maxBodyBytes))
                    }
                } else if chunkLine.digits == 0 {
                    throw HTTPParseError(offset: offset, .expected("a chunk size in hex", found: b))
                } else if b == UInt8(ascii: ";") {
                    chunkLine.phase = .extensions
                } else if HTTPGrammar.isWhitespace(b) {
                    chunkLine.phase = .whitespace
                } else if b == HTTPGrammar.cr {
                    chunkLine.phase = .cr
                } else {
                    throw HTTPParseError(offset: offset, .expected("a hex digit, ';' or CRLF after the chunk size", found: b))
                }
            case .whitespace:
                if b == UInt8(ascii: ";") {
                    chunkLine.phase = .extensions
                } else if !HTTPGrammar.isWhitespace(b) {
                    throw HTTPParseError(offset: offset, .expected("';' (a chunk extension) after spaces in a chunk-size line", found: b))
                }
            case .extensions:
                if b == HTTPGrammar.cr {
                    chunkLine.phase = .cr
                } else if !HTTPGrammar.isFieldByte(b) {
                    throw HTTPParseError(offset: offset, .expected("a chunk extension without control bytes", found: b))
                }
            case .cr:
                guard b == HTTPGrammar.lf else {
                    throw HTTPParseError(offset: offset, .expected("LF after CR in a chunk-size line", found: b))
                }
            }
            chunkLine.length += 1
            index += 1
            offset += 1
            if b == HTTPGrammar.lf {
                chunkSizeLineEnded()
                return
            }
        }
    }

    private mutating func chunkSizeLineEnded() {
        let size = chunkLine.size
        chunkLine = ChunkSizeLine()
        if size == 0 {
            trailerStart = offset
            state = .trailer
        } else {
            bodyReceived += size
            state = .chunkData(remaining: size)
        }
    }

    mutating func readChunkDataEnd(_ b: UInt8, sawCR: Bool) throws(HTTPParseError) {
        if !sawCR {
            guard b == HTTPGrammar.cr else {
                throw HTTPParseError(offset: offset, .expected("CRLF after the chunk data (is the chunk size right?)", found: b))
            }
            state = .chunkDataEnd(sawCR: true)
        } else {
            guard b == HTTPGrammar.lf else {
                throw HTTPParseError(offset: offset, .expected("LF after CR at the end of the chunk data", found: b))
            }
            state = .chunkSize
        }
    }

    /// A trailer line ended (its CRLF is the last two bytes of `trailer`).
    mutating func trailerLineEnded() throws(HTTPParseError) {
        let line = trailerLineStart..<(trailer.count - 2)
        trailerLineStart = trailer.count
        if line.isEmpty {
            state = .complete(reusable: reusable)
            return
        }
        guard trailerFieldCount < limits.maxFieldCount else {
            throw HTTPParseError(offset: trailerStart + line.lowerBound, .tooManyFields(limit: limits.maxFieldCount))
        }
        trailerFieldCount += 1
        _ = try Self.fieldLine(trailer, line, startOffset: trailerStart)
    }
}
