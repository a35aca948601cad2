/// The state of one strict RFC 8259 read: bytes, cursor, nesting depth, and locations.
struct JSONParser {
    private let bytes: [UInt8]
    private var pos = 0
    private var depth = 0
    private var locator: SourceLocator

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        locator = SourceLocator()
    }

    mutating func parseDocument() throws(DocumentError) -> Node {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard pos == bytes.count else {
            throw error("unexpected \(found(at: pos)) after the JSON value; a JSON document holds one value", at: pos)
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws(DocumentError) -> Node {
        guard pos < bytes.count else { throw error("expected a JSON value, found the end of the input", at: pos) }
        let at = locator.location(of: pos, in: bytes)
        switch bytes[pos] {
        case UInt8(ascii: "{"): return Node(.object(try parseObject()), at: at)
        case UInt8(ascii: "["): return Node(.array(try parseArray()), at: at)
        case UInt8(ascii: "\""): return Node(.string(try parseString()), at: at)
        case UInt8(ascii: "t"): return Node(try parseLiteral("true", .bool(true)), at: at)
        case UInt8(ascii: "f"): return Node(try parseLiteral("false", .bool(false)), at: at)
        case UInt8(ascii: "n"): return Node(try parseLiteral("null", .null), at: at)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return Node(try parseNumber(), at: at)
        default: throw error("expected a JSON value, found \(found(at: pos))", at: pos)
        }
    }

    private mutating func parseObject() throws(DocumentError) -> [Node.Member] {
        let open = pos
        try enterCollection(at: open)
        defer { depth -= 1 }
        pos += 1
        var members: [Node.Member] = []
        var seen: [String: SourceLocation] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            pos += 1
            return members
        }
        while true {
            if pos >= bytes.count { throw error("this '{' is never closed (expected '}')", at: open) }
            guard peek() == UInt8(ascii: "\"") else {
                let trailing = peek() == UInt8(ascii: "}") && !members.isEmpty
                throw error(trailing ? "a trailing comma is not allowed in JSON" : "expected a string key, found \(found(at: pos))", at: pos)
            }
            let keyLocation = locator.location(of: pos, in: bytes)
            let key = try parseString()
            if let first = seen[key] {
                throw DocumentError("duplicate key \(Self.shortQuoted(key)) (first defined at \(first))", at: keyLocation)
            }
            seen[key] = keyLocation
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after the key, found \(found(at: pos))", at: pos) }
            pos += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(Node.Member(key: key, keyLocation: keyLocation, value: value))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                pos += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                pos += 1
                return members
            default:
                if pos >= bytes.count { throw error("this '{' is never closed (expected '}')", at: open) }
                throw error("expected ',' or '}' after the value, found \(found(at: pos))", at: pos)
            }
        }
    }

    private mutating func parseArray() throws(DocumentError) -> [Node] {
        let open = pos
        try enterCollection(at: open)
        defer { depth -= 1 }
        pos += 1
        var items: [Node] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            pos += 1
            return items
        }
        while true {
            if pos >= bytes.count { throw error("this '[' is never closed (expected ']')", at: open) }
            if peek() == UInt8(ascii: "]") { throw error("a trailing comma is not allowed in JSON", at: pos) }
            items.append(try parseValue())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                pos += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                pos += 1
                return items
            default:
                if pos >= bytes.count { throw error("this '[' is never closed (expected ']')", at: open) }
                throw error("expected ',' or ']' after the value, found \(found(at: pos))", at: pos)
            }
        }
    }

    private mutating func parseLiteral(_ word: String, _ value: Node.Value) throws(DocumentError) -> Node.Value {
        let start = pos
        for expected in word.utf8 {
            guard peek() == expected else {
                throw error("expected a JSON value, found \(found(at: start))", at: start)
            }
            pos += 1
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`: an `.int` when it has no fraction
    /// or exponent and fits `Int`, otherwise a `.double`.
    private mutating func parseNumber() throws(DocumentError) -> Node.Value {
        let start = pos
        if peek() == UInt8(ascii: "-") { pos += 1 }
        if peek() == UInt8(ascii: "0") {
            pos += 1
            if isDigit(peek()) { throw error("a JSON number cannot have leading zeros", at: start) }
        } else if isDigit(peek()) {
            while isDigit(peek()) { pos += 1 }
        } else {
            throw error("expected a digit in this number, found \(found(at: pos))", at: pos)
        }
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            pos += 1
            guard isDigit(peek()) else { throw error("expected a digit after '.', found \(found(at: pos))", at: pos) }
            while isDigit(peek()) { pos += 1 }
            isInteger = false
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            pos += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { pos += 1 }
            guard isDigit(peek()) else { throw error("expected a digit in the exponent, found \(found(at: pos))", at: pos) }
            while isDigit(peek()) { pos += 1 }
            isInteger = false
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if isInteger, let value = Int(text) { return .int(value) }
        // JSON has no infinity, so a value beyond Double's range could not be written back.
        guard let value = Double(text), value.isFinite else {
            throw error("the number \(text.count > 40 ? String(text.prefix(37)) + "..." : text) is out of range", at: start)
        }
        return .double(value)
    }

    // MARK: Strings

    private mutating func parseString() throws(DocumentError) -> String {
        let open = pos
        pos += 1
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw error("this string is never closed (missing '\"')", at: open) }
            let b = bytes[pos]
            switch b {
            case UInt8(ascii: "\""):
                pos += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try appendEscape(to: &out)
            case 0..<0x20:
                throw error("the control character \(StrictUTF8.codePointName(UInt32(b))) must be escaped in a JSON string", at: pos)
            case 0x20..<0x80:
                out.append(b)
                pos += 1
            default:
                guard let (_, length) = StrictUTF8.decode(bytes, at: pos) else {
                    throw error("invalid UTF-8 (byte 0x\(String(b, radix: 16, uppercase: true))); JSON text must be UTF-8", at: pos)
                }
                out.append(contentsOf: bytes[pos..<pos + length])
                pos += length
            }
        }
    }

    private mutating func appendEscape(to out: inout [UInt8]) throws(DocumentError) {
        let start = pos
        let e = peek(1)
        pos += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var value = try hex4(escapeAt: start)
            if (0xD800...0xDBFF).contains(value) {
                guard peek() == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") else {
                    throw error("a high surrogate escape must be followed by a low surrogate escape (\\uDC00-\\uDFFF)", at: start)
                }
                let lowStart = pos
                pos += 2
                let low = try hex4(escapeAt: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("a high surrogate escape must be followed by a low surrogate escape (\\uDC00-\\uDFFF)", at: start)
                }
                value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(value) {
                throw error("a low surrogate escape must follow a high surrogate escape", at: start)
            }
            StrictUTF8.append(value, to: &out)
        default:
            if start + 1 >= bytes.count { throw error("this string is never closed (missing '\"')", at: start) }
            throw error("invalid escape in a JSON string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", at: start)
        }
    }

    /// Four hex digits at the cursor, for the `\u` escape that starts at `escapeAt`.
    private mutating func hex4(escapeAt: Int) throws(DocumentError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = peek()
            guard YAMLByte.isHexDigit(b) else {
                throw error("expected four hexadecimal digits after '\\u'", at: escapeAt)
            }
            value = value << 4 | YAMLByte.hexValue(b)
            pos += 1
        }
        return value
    }

    // MARK: Helpers

    private func peek(_ ahead: Int = 0) -> UInt8 {
        pos + ahead < bytes.count ? bytes[pos + ahead] : 0
    }

    private func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

    private mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    private mutating func enterCollection(at offset: Int) throws(DocumentError) {
        depth += 1
        if depth > DocumentLimits.maxDepth { throw error(DocumentLimits.depthMessage, at: offset) }
    }

    private mutating func error(_ message: String, at offset: Int) -> DocumentError {
        DocumentError(message, at: locator.location(of: offset, in: bytes))
    }

    /// What is at `offset`, for messages: a short token in quotes, or the end of the input.
    private func found(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the input" }
        var end = offset + 1
        while end < bytes.count && end - offset < 20 && !Self.endsToken(bytes[end]) { end += 1 }
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        let token = String(decoding: bytes[offset..<end], as: UTF8.self)
        return "'\(token)'"
    }

    private static func endsToken(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":"): return true
        default: return false
        }
    }

    private static func shortQuoted(_ s: String) -> String {
        s.unicodeScalars.count <= 60 ? "'\(s)'" : "'\(String(String.UnicodeScalarView(s.unicodeScalars.prefix(57))))...'"
    }
}
