/// The recursive-descent reader behind `HeaderJSON.parse` (RFC 8259; depth bounded).
struct HeaderJSONReader {
    let bytes: UnsafeRawBufferPointer
    let maxDepth: Int
    var position = 0

    mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private func fail(_ problem: String) -> HeaderJSONError { HeaderJSONError(offset: position, problem: problem) }

    mutating func value(depth: Int) throws(HeaderJSONError) -> HeaderJSON {
        guard depth < maxDepth else { throw fail("nested deeper than \(maxDepth)") }
        skipSpace()
        guard position < bytes.count else { throw fail("the JSON ends early") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var pairs: [(String, HeaderJSON)] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(pairs) }
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(":")
                pairs.append((key, try value(depth: depth + 1)))
                skipSpace()
                if try separator(close: "}") { return .object(pairs) }
            }
        case UInt8(ascii: "["):
            position += 1
            var items: [HeaderJSON] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                if try separator(close: "]") { return .array(items) }
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    private mutating func expect(_ character: Character) throws(HeaderJSONError) {
        guard position < bytes.count, bytes[position] == character.asciiValue! else { throw fail("expected '\(character)'") }
        position += 1
    }

    /// After a member: true at the closing bracket, false after a comma.
    private mutating func separator(close: Character) throws(HeaderJSONError) -> Bool {
        guard position < bytes.count else { throw fail("the JSON ends early") }
        if bytes[position] == close.asciiValue! { position += 1; return true }
        try expect(",")
        return false
    }

    private mutating func literal(_ word: String) throws(HeaderJSONError) {
        for byte in word.utf8 {
            guard position < bytes.count, bytes[position] == byte else { throw fail("expected '\(word)'") }
            position += 1
        }
    }

    private mutating func number() throws(HeaderJSONError) -> HeaderJSON {
        let start = position
        while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if let integer = Int(text) { return .integer(integer) }
        if let double = Double(text), double.isFinite, text.first != "+" { return .number(double) }
        position = start
        throw fail("not a JSON value")
    }

    private mutating func string() throws(HeaderJSONError) -> String {
        try expect("\"")
        var runStart = position
        var text = ""
        while true {
            guard position < bytes.count else { throw fail("a string is not closed") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                text += String(decoding: UnsafeRawBufferPointer(rebasing: bytes[runStart..<position]), as: UTF8.self)
                position += 1
                return text
            }
            guard byte >= 0x20 else { throw fail("a control character inside a string") }
            if byte == UInt8(ascii: "\\") {
                text += String(decoding: UnsafeRawBufferPointer(rebasing: bytes[runStart..<position]), as: UTF8.self)
                position += 1
                guard position < bytes.count else { throw fail("a string is not closed") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "u"):
                    guard position + 4 <= bytes.count,
                          let code = UInt32(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + 4]), as: UTF8.self), radix: 16)
                    else { throw fail("a bad \\u escape") }
                    position += 4
                    text.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                case UInt8(ascii: "n"): text.unicodeScalars.append("\n")
                case UInt8(ascii: "t"): text.unicodeScalars.append("\t")
                case UInt8(ascii: "r"): text.unicodeScalars.append("\r")
                case UInt8(ascii: "b"): text.unicodeScalars.append("\u{8}")
                case UInt8(ascii: "f"): text.unicodeScalars.append("\u{C}")
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.unicodeScalars.append(Unicode.Scalar(escape))
                default: throw fail("an unknown escape")
                }
                runStart = position
                continue
            }
            position += 1
        }
    }
}
