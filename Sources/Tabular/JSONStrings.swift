// JSON strings: validated where they stand (escapes, control characters, UTF-8), and unescaped
// into the reader's scratch buffer only when a slot or a path key needs their text.

extension JSONLinesReader {
    /// Scans the string whose content starts at `start`; returns the index of its closing quote
    /// and whether it contains escapes.
    func scanString(_ start: Int, _ end: Int, _ lineStart: Int) throws(TabularError) -> (Int, Bool) {
        let b = input.buffer
        var p = start
        var escaped = false
        while true {
            while p < end, case let c = b[p], c >= 0x20, c < 0x80, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\") {
                p += 1
            }
            guard p < end else { throw syntaxError("unterminated string", start - 1, lineStart) }
            let c = b[p]
            if c == UInt8(ascii: "\"") { return (p, escaped) }
            if c == UInt8(ascii: "\\") {
                escaped = true
                guard p + 1 < end else { throw syntaxError("unterminated string", start - 1, lineStart) }
                switch b[p + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    p += 2
                case UInt8(ascii: "u"):
                    guard let unit = hex4(p + 2, end) else { throw syntaxError("invalid \\u escape", p, lineStart) }
                    if unit & 0xFC00 == 0xD800 {
                        guard p + 7 < end, b[p + 6] == UInt8(ascii: "\\"), b[p + 7] == UInt8(ascii: "u"),
                              let low = hex4(p + 8, end), low & 0xFC00 == 0xDC00 else {
                            throw syntaxError("invalid \\u escape: unpaired surrogate", p, lineStart)
                        }
                        p += 12
                    } else if unit & 0xFC00 == 0xDC00 {
                        throw syntaxError("invalid \\u escape: unpaired surrogate", p, lineStart)
                    } else {
                        p += 6
                    }
                default:
                    throw syntaxError("invalid escape in a string", p, lineStart)
                }
            } else if c < 0x20 {
                throw syntaxError("control character in a string (it must be escaped)", p, lineStart)
            } else {
                let length = utf8SequenceLength(b + p, end - p)
                guard length > 0 else { throw syntaxError("invalid UTF-8 in a string", p, lineStart) }
                p += length
            }
        }
    }

    /// The four hex digits at `p` as a number, or nil.
    private func hex4(_ p: Int, _ end: Int) -> UInt32? {
        guard end - p >= 4 else { return nil }
        var value: UInt32 = 0
        for i in 0 ..< 4 {
            let c = input.buffer[p + i]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Makes the scratch buffer at least as long as the line: unescaping only shrinks text, so
    /// all strings of the line fit without the buffer moving.
    func prepareScratch(for lineLength: Int) {
        scratchUsed = 0
        guard scratchCapacity < lineLength else { return }
        scratch.deallocate()
        scratchCapacity = max(lineLength, scratchCapacity * 2)
        scratch = .allocate(capacity: scratchCapacity)
    }

    /// Unescapes the already validated string content [start, close) into the scratch buffer.
    func unescape(_ start: Int, _ close: Int) -> UnsafeRawBufferPointer {
        let b = input.buffer
        let out = scratch + scratchUsed
        var w = 0
        var p = start
        while p < close {
            let c = b[p]
            guard c == UInt8(ascii: "\\") else {
                out[w] = c
                w += 1
                p += 1
                continue
            }
            let kind = b[p + 1]
            p += 2
            switch kind {
            case UInt8(ascii: "b"): out[w] = 0x08
            case UInt8(ascii: "f"): out[w] = 0x0C
            case UInt8(ascii: "n"): out[w] = 0x0A
            case UInt8(ascii: "r"): out[w] = 0x0D
            case UInt8(ascii: "t"): out[w] = 0x09
            case UInt8(ascii: "u"):
                var scalar = hex4(p, close)!
                p += 4
                if scalar & 0xFC00 == 0xD800 {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex4(p + 2, close)! - 0xDC00)
                    p += 6
                }
                w += encodeUTF8(scalar, out + w)
                continue
            default: out[w] = kind  // \" \\ \/
            }
            w += 1
        }
        scratchUsed += w
        return UnsafeRawBufferPointer(start: out, count: w)
    }
}

/// Writes `scalar` as UTF-8 at `out`; returns the byte count.
private func encodeUTF8(_ scalar: UInt32, _ out: UnsafeMutablePointer<UInt8>) -> Int {
    switch scalar {
    case 0 ..< 0x80:
        out[0] = UInt8(scalar)
        return 1
    case 0x80 ..< 0x800:
        out[0] = UInt8(0xC0 | scalar >> 6)
        out[1] = UInt8(0x80 | scalar & 0x3F)
        return 2
    case 0x800 ..< 0x10000:
        out[0] = UInt8(0xE0 | scalar >> 12)
        out[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
        out[2] = UInt8(0x80 | scalar & 0x3F)
        return 3
    default:
        out[0] = UInt8(0xF0 | scalar >> 18)
        out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
        out[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
        out[3] = UInt8(0x80 | scalar & 0x3F)
        return 4
    }
}

/// The length of the valid UTF-8 sequence for a non-ASCII lead byte at `p`, or 0 if invalid
/// (overlong forms, surrogates and values past U+10FFFF are invalid, as in RFC 3629).
func utf8SequenceLength(_ p: UnsafePointer<UInt8>, _ available: Int) -> Int {
    let lead = p[0]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2 ... 0xDF: length = 2
    case 0xE0: length = 3; low = 0xA0
    case 0xED: length = 3; high = 0x9F
    case 0xE1 ... 0xEF: length = 3
    case 0xF0: length = 4; low = 0x90
    case 0xF4: length = 4; high = 0x8F
    case 0xF1 ... 0xF3: length = 4
    default: return 0
    }
    guard available >= length, p[1] >= low, p[1] <= high else { return 0 }
    for i in 2 ..< length where p[i] & 0xC0 != 0x80 { return 0 }
    return length
}
