/// A string operand left in the input, decoded only when an import needs it (STACK_GLOBAL), so
/// the millions of strings of a large pickle cost no allocation.
struct PickleText: Sendable, Equatable {
    enum Form: UInt8, Sendable {
        /// BINUNICODE, SHORT_BINUNICODE, BINUNICODE8: UTF-8.
        case utf8
        /// BINSTRING, SHORT_BINSTRING: bytes, decoded by the loader as ASCII (or Latin-1).
        case latin1
        /// STRING: the text between the quotes, with Python string escapes (`\x6f`, `\157`, `\n`).
        case escaped
        /// UNICODE: raw-unicode-escape (`\u006f` and `\U0000006f`; other bytes are Latin-1).
        case rawUnicodeEscape
    }

    var start: Int
    /// Saturates at 4 GiB, which only texts far longer than any name reach (they are shown by length).
    private var storedCount: UInt32
    var form: Form

    var count: Int { Int(storedCount) }

    init(start: Int, count: Int, form: Form) {
        self.start = start
        self.storedCount = UInt32(clamping: count)
        self.form = form
    }

    /// The text as the loader sees it, or nil when the loader would refuse it (bad UTF-8, a broken
    /// escape). Texts longer than `maxBytes` become their first bytes and a length, which no table matches.
    func decode(in input: UnsafeRawBufferPointer, maxBytes: Int) -> String? {
        let bytes = UnsafeRawBufferPointer(rebasing: input[start..<(start + count)])
        if count > maxBytes {
            return Self.latin1(bytes.prefix(maxBytes)) + "…(\(count) bytes)"
        }
        switch form {
        case .utf8: return String(validating: bytes, as: UTF8.self)
        case .latin1: return Self.latin1(bytes[...])
        case .escaped: return Self.unescapePython(bytes)
        case .rawUnicodeEscape: return Self.rawUnicodeUnescape(bytes)
        }
    }

    private static func latin1(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
        var text = String.UnicodeScalarView()
        for byte in bytes { text.append(Unicode.Scalar(byte)) }
        return String(text)
    }

    /// `codecs.escape_decode`, then Latin-1: what the STRING opcode yields.
    private static func unescapePython(_ bytes: UnsafeRawBufferPointer) -> String? {
        var out = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            guard byte == UInt8(ascii: "\\") else { out.append(Unicode.Scalar(byte)); continue }
            guard i < bytes.count else { return nil }   // "Trailing \ in string"
            let next = bytes[i]
            i += 1
            switch next {
            case UInt8(ascii: "\n"): break
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(Unicode.Scalar(next))
            case UInt8(ascii: "a"): out.append("\u{07}")
            case UInt8(ascii: "b"): out.append("\u{08}")
            case UInt8(ascii: "f"): out.append("\u{0C}")
            case UInt8(ascii: "n"): out.append("\n")
            case UInt8(ascii: "r"): out.append("\r")
            case UInt8(ascii: "t"): out.append("\t")
            case UInt8(ascii: "v"): out.append("\u{0B}")
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(next - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[i]) {
                    value = value * 8 + Int(bytes[i] - UInt8(ascii: "0"))
                    i += 1
                    digits += 1
                }
                out.append(Unicode.Scalar(UInt8(truncatingIfNeeded: value)))
            case UInt8(ascii: "x"):
                guard i + 1 < bytes.count, let high = hexValue(bytes[i]), let low = hexValue(bytes[i + 1]) else { return nil }
                out.append(Unicode.Scalar(UInt8(high * 16 + low)))
                i += 2
            default:
                out.append("\\")
                out.append(Unicode.Scalar(next))
            }
        }
        return String(out)
    }

    /// `raw_unicode_escape`: a backslash run of odd length before `u` or `U` starts an escape.
    private static func rawUnicodeUnescape(_ bytes: UnsafeRawBufferPointer) -> String? {
        var out = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\") else { out.append(Unicode.Scalar(byte)); i += 1; continue }
            var run = 0
            while i < bytes.count, bytes[i] == UInt8(ascii: "\\") { run += 1; i += 1 }
            let escapes = run % 2 == 1 && i < bytes.count && (bytes[i] == UInt8(ascii: "u") || bytes[i] == UInt8(ascii: "U"))
            for _ in 0..<(escapes ? run - 1 : run) { out.append("\\") }
            guard escapes else { continue }
            let width = bytes[i] == UInt8(ascii: "u") ? 4 : 8
            i += 1
            guard i + width <= bytes.count else { return nil }
            var value: UInt32 = 0
            for k in 0..<width {
                guard let digit = hexValue(bytes[i + k]) else { return nil }
                value = value << 4 | UInt32(digit)
            }
            i += width
            guard let scalar = Unicode.Scalar(value) else { return nil }
            out.append(scalar)
        }
        return String(out)
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
