// The hot loop of the CSV reader: find the fields of one record in the buffer.
//
// A record that runs past the bytes read so far is scanned again from its start once more bytes
// have arrived. That costs one extra scan of one record per chunk, and keeps the scanner free of
// resumable state, which is where chunk-boundary bugs live.

enum RecordScan {
    /// A whole record: where the next one starts, its field count, and the line breaks it used.
    case record(next: Int, fields: Int, lines: Int)
    case needMore
    case endOfInput
}

private let quote = UInt8(ascii: "\"")
private let lineFeed: UInt8 = 0x0A
private let carriageReturn: UInt8 = 0x0D
private let lineFeedBytes: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
private let quoteBytes: UInt64 = 0x2222_2222_2222_2222

extension CSVReader {
    func scanRecord(header: Bool) throws(TabularError) -> RecordScan {
        let b = input.buffer
        let end = input.end
        let atEnd = input.atEnd
        let delimiter = self.delimiter
        var p = input.start
        if p == end { return atEnd ? .endOfInput : .needMore }
        var column = 0
        var lines = 0
        let delimiterBytes = 0x0101_0101_0101_0101 &* UInt64(delimiter)
        var spans = self.spans
        var spanCapacity = self.spanCapacity

        @inline(__always) func store(_ start: Int, _ stop: Int, _ flags: UInt8) {
            if column >= spanCapacity {
                guard header else { return }  // too many fields: counted, reported by the caller
                growSpans()
                spans = self.spans
                spanCapacity = self.spanCapacity
            }
            spans[column] = FieldSpan(start: start, end: stop, flags: flags)
        }

        while true {
            if p == end {
                // A delimiter was the last byte: the record ends with an empty field.
                guard atEnd else { return .needMore }
                store(p, p, 0)
                return .record(next: p, fields: column + 1, lines: lines)
            }
            if b[p] == quote {
                let open = p + 1
                p = open
                var flags = FieldSpan.quoted
                while true {
                    while p < end, b[p] != quote {
                        if b[p] == lineFeed { lines += 1 }
                        p += 1
                    }
                    if p == end {
                        guard atEnd else { return .needMore }
                        throw syntaxError("unterminated quoted field (is the file truncated?)", column: column, header: header)
                    }
                    if p + 1 == end, !atEnd { return .needMore }
                    if p + 1 < end, b[p + 1] == quote {
                        flags |= FieldSpan.escaped
                        p += 2
                        continue
                    }
                    break
                }
                store(open, p, flags)
                p += 1
                if p == end {
                    guard atEnd else { return .needMore }
                    return .record(next: p, fields: column + 1, lines: lines)
                }
                let c = b[p]
                if c == delimiter {
                    p += 1
                    column += 1
                    continue
                }
                if c == lineFeed { return .record(next: p + 1, fields: column + 1, lines: lines + 1) }
                if c == carriageReturn {
                    if p + 1 == end {
                        guard atEnd else { return .needMore }
                        return .record(next: p + 1, fields: column + 1, lines: lines)
                    }
                    if b[p + 1] == lineFeed { return .record(next: p + 2, fields: column + 1, lines: lines + 1) }
                }
                throw syntaxError("unexpected character after the closing quote of a field", column: column, header: header)
            }
            let start = p
            var c: UInt8 = 0
            // Eight bytes at a time while a whole word is left: most fields are short numbers,
            // and this finds their end in one or two steps instead of one per byte.
            while end &- p >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(b + p).loadUnaligned(as: UInt64.self))
                let hits = zeroBytes(word ^ delimiterBytes) | zeroBytes(word ^ lineFeedBytes) | zeroBytes(word ^ quoteBytes)
                if hits != 0 {
                    p += hits.trailingZeroBitCount >> 3
                    break
                }
                p += 8
            }
            while p < end {
                c = b[p]
                if c == delimiter || c == lineFeed || c == quote { break }
                p += 1
            }
            if p == end {
                guard atEnd else { return .needMore }
                store(start, stripCarriageReturn(start, p), 0)
                return .record(next: p, fields: column + 1, lines: lines)
            }
            if c == delimiter {
                store(start, p, 0)
                p += 1
                column += 1
                continue
            }
            if c == lineFeed {
                store(start, stripCarriageReturn(start, p), 0)
                return .record(next: p + 1, fields: column + 1, lines: lines + 1)
            }
            throw syntaxError("quote inside an unquoted field (quote the whole field, doubling inner quotes)",
                              column: column, header: header)
        }
    }

    /// The high bit of each zero byte of `word`, exact for the lowest zero byte (a false hit can
    /// only follow a true one, as a borrow propagates upwards).
    @inline(__always)
    private func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// The end of a field that a CRLF or a final CR follows: the CR is part of the line break.
    @inline(__always)
    private func stripCarriageReturn(_ start: Int, _ stop: Int) -> Int {
        stop > start && input.buffer[stop - 1] == carriageReturn ? stop - 1 : stop
    }

    private func growSpans() {
        let grown = UnsafeMutablePointer<FieldSpan>.allocate(capacity: spanCapacity * 2)
        grown.moveInitialize(from: spans, count: spanCapacity)
        spans.deallocate()
        spans = grown
        spanCapacity *= 2
    }

    func syntaxError(_ message: String, column: Int, header: Bool) -> TabularError {
        let name = header || column >= columns.count ? nil : columns[column]
        return TabularError(.syntax, path: path, row: header ? nil : rowNumber + 1, line: lineNumber,
                            field: name, column: column + 1, message: message)
    }
}
