/// Single- and double-quoted scalars: escapes, and line folding across their lines.
extension YAMLParser {
    mutating func parseDoubleQuoted(threshold: Int) throws(DocumentError) -> (String, Bool) {
        let open = pos
        pos += 1
        var out: [UInt8] = []
        // Escaped white space is content: trimming at a line break stops here.
        var kept = 0
        var multiline = false
        while true {
            guard pos < text.count else { throw unterminated(open, .endOfFile) }
            let c = text[pos]
            switch c {
            case UInt8(ascii: "\""):
                pos += 1
                try checkClosingQuote(open: open)
                return (String(decoding: out, as: UTF8.self), multiline)
            case UInt8(ascii: "\\"):
                if peek(1) == YAMLByte.lf {
                    // An escaped line break joins the lines without a space.
                    pos += 1
                    let breaks = try foldQuotedLines(open: open, threshold: threshold)
                    out.append(contentsOf: repeatElement(YAMLByte.lf, count: breaks))
                    multiline = true
                } else {
                    try appendEscape(to: &out, open: open)
                }
                kept = out.count
            case YAMLByte.lf:
                trimTrailingBlanks(&out, keeping: kept)
                let breaks = try foldQuotedLines(open: open, threshold: threshold)
                appendFold(breaks, to: &out)
                kept = out.count
                multiline = true
            default:
                out.append(c)
                pos += 1
            }
        }
    }

    mutating func parseSingleQuoted(threshold: Int) throws(DocumentError) -> (String, Bool) {
        let open = pos
        pos += 1
        var out: [UInt8] = []
        var kept = 0
        var multiline = false
        while true {
            guard pos < text.count else { throw unterminated(open, .endOfFile) }
            let c = text[pos]
            switch c {
            case UInt8(ascii: "'"):
                if peek(1) == UInt8(ascii: "'") {
                    out.append(c)
                    pos += 2
                } else {
                    pos += 1
                    try checkClosingQuote(open: open)
                    return (String(decoding: out, as: UTF8.self), multiline)
                }
            case YAMLByte.lf:
                trimTrailingBlanks(&out, keeping: kept)
                let breaks = try foldQuotedLines(open: open, threshold: threshold)
                appendFold(breaks, to: &out)
                kept = out.count
                multiline = true
            default:
                out.append(c)
                pos += 1
            }
        }
    }

    private func trimTrailingBlanks(_ out: inout [UInt8], keeping kept: Int) {
        while out.count > kept, let last = out.last, YAMLByte.isBlank(last) { out.removeLast() }
    }

    /// Line folding: one line break reads as a space, each further empty line as a line feed.
    private func appendFold(_ breaks: Int, to out: inout [UInt8]) {
        if breaks == 0 {
            out.append(YAMLByte.space)
        } else {
            out.append(contentsOf: repeatElement(YAMLByte.lf, count: breaks))
        }
    }

    /// From a line break inside a quoted scalar, skips empty lines and the next line's leading
    /// white space. Returns the number of empty lines skipped.
    private mutating func foldQuotedLines(open: Int, threshold: Int) throws(DocumentError) -> Int {
        var breaks = 0
        while true {
            pos += 1
            let lineStart = pos
            let spaces = countSpaces(from: pos)
            pos += spaces
            let afterSpaces = pos
            skipBlanks()
            if peek() == YAMLByte.lf {
                breaks += 1
                continue
            }
            if atEnd { throw unterminated(open, .endOfFile) }
            let isMarker = spaces == 0 && isDocumentMarker(at: lineStart)
            guard isMarker || spaces <= threshold else { return breaks }
            // This line cannot continue the scalar. If no clean closing quote follows, the mistake
            // is the missing quote, and the place to show is where the scalar opened.
            guard closingQuoteFollows(open: open, from: afterSpaces) else {
                throw unterminated(open, .lineCannotContinue(lineStart, isMarker: isMarker))
            }
            if isMarker {
                throw error("a document marker ('---' or '...') cannot appear inside a quoted scalar; indent the line", at: lineStart)
            }
            if byte(at: afterSpaces) == YAMLByte.tab { throw error(Self.tabIndentMessage, at: afterSpaces) }
            throw error("this line continues the \(Self.quoteKind(text[open])) string that starts at \(location(open)) and must be indented by at least \(Self.spaces(threshold + 1))", at: afterSpaces)
        }
    }

    /// Decodes the escape sequence at the cursor (a backslash) and appends its UTF-8 bytes.
    private mutating func appendEscape(to out: inout [UInt8], open: Int) throws(DocumentError) {
        let start = pos
        let e = peek(1)
        let digits: Int
        switch e {
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default:
            guard let scalar = Self.simpleEscape(e) else {
                if pos + 1 >= text.count { throw unterminated(open, .endOfFile) }
                let length = StrictUTF8.decode(text, at: pos + 1)?.length ?? 1
                let shown = String(decoding: text[pos..<pos + 1 + length], as: UTF8.self)
                throw error("invalid escape '\(shown)' in a double-quoted scalar (valid: \\n \\t \\\" \\\\ \\/ \\0 \\xXX \\uXXXX \\UXXXXXXXX and the other YAML escapes)", at: start)
            }
            StrictUTF8.append(scalar, to: &out)
            pos += 2
            return
        }
        guard var value = hexValue(at: pos + 2, digits: digits) else {
            throw error("expected \(digits) hexadecimal digits after '\\\(Character(Unicode.Scalar(e)))'", at: start)
        }
        pos += 2 + digits
        // A UTF-16 surrogate pair written as two \u escapes, as JSON writes them.
        if (0xD800...0xDBFF).contains(value), peek() == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u"),
           let low = hexValue(at: pos + 2, digits: 4), (0xDC00...0xDFFF).contains(low) {
            value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
            pos += 6
        }
        guard StrictUTF8.isScalar(value) else {
            throw error("the escape '\(String(decoding: text[start..<start + 2 + digits], as: UTF8.self))' is not a Unicode scalar value", at: start)
        }
        StrictUTF8.append(value, to: &out)
    }

    private func hexValue(at offset: Int, digits: Int) -> UInt32? {
        var value: UInt32 = 0
        for i in 0..<digits {
            let b = byte(at: offset + i)
            guard YAMLByte.isHexDigit(b) else { return nil }
            value = value << 4 | YAMLByte.hexValue(b)
        }
        return value
    }

    private static func simpleEscape(_ e: UInt8) -> UInt32? {
        switch e {
        case UInt8(ascii: "0"): return 0
        case UInt8(ascii: "a"): return 0x07
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "t"), YAMLByte.tab: return 0x09
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "v"): return 0x0B
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "e"): return 0x1B
        case UInt8(ascii: " "): return 0x20
        case UInt8(ascii: "\""): return 0x22
        case UInt8(ascii: "/"): return 0x2F
        case UInt8(ascii: "\\"): return 0x5C
        case UInt8(ascii: "N"): return 0x85
        case UInt8(ascii: "_"): return 0xA0
        case UInt8(ascii: "L"): return 0x2028
        case UInt8(ascii: "P"): return 0x2029
        default: return nil
        }
    }
}
