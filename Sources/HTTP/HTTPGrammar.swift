/// The byte classes of RFC 9110 §5.6 and RFC 9112, as tests on single bytes.
enum HTTPGrammar {
    // Computed, not stored: a stored static is a lazily initialised global, checked on each use.
    static var cr: UInt8 { 0x0D }
    static var lf: UInt8 { 0x0A }
    static var space: UInt8 { 0x20 }
    static var tab: UInt8 { 0x09 }

    /// tchar: the characters of a token (header names, transfer codings, connection options).
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// field-vchar, SP and HTAB: what a field value or reason phrase may hold (obs-text included).
    /// CR, LF, NUL and the other controls are refused (RFC 9110 §5.5).
    static func isFieldByte(_ b: UInt8) -> Bool {
        b == tab || (b >= space && b != 0x7F)
    }

    static func isWhitespace(_ b: UInt8) -> Bool { b == space || b == tab }

    static func digit(_ b: UInt8) -> Int? {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") ? Int(b - UInt8(ascii: "0")) : nil
    }

    static func hexDigit(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(b - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(b - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    static func lowercased(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }

    /// ASCII case-insensitive equality of two byte strings.
    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ name: [UInt8]) -> Bool {
        guard bytes.count == name.count else { return false }
        var i = bytes.startIndex
        for expected in name {
            if lowercased(bytes[i]) != lowercased(expected) { return false }
            i += 1
        }
        return true
    }

    /// Calls `body` with each element of a comma-separated list (RFC 9110 §5.6.1) trimmed of
    /// OWS, empty elements included so that callers can refuse them; allocates nothing.
    static func forEachListElement(_ bytes: [UInt8], in range: Range<Int>,
                                   _ body: (Range<Int>) throws(HTTPParseError) -> Void) throws(HTTPParseError) {
        var start = range.lowerBound
        while true {
            var comma = start
            while comma < range.upperBound, bytes[comma] != UInt8(ascii: ",") { comma += 1 }
            var lower = start, upper = comma
            while lower < upper, isWhitespace(bytes[lower]) { lower += 1 }
            while upper > lower, isWhitespace(bytes[upper - 1]) { upper -= 1 }
            try body(lower..<upper)
            if comma == range.upperBound { return }
            start = comma + 1
        }
    }
}

extension HTTPGrammar {
    /// The same comparison against a lowercase literal, which needs no array (and no lazy global).
    static func equalsIgnoringCase(_ bytes: [UInt8], _ range: Range<Int>, _ lowercaseName: StaticString) -> Bool {
        guard range.count == lowercaseName.utf8CodeUnitCount else { return false }
        let name = lowercaseName.utf8Start
        for k in 0..<range.count where lowercased(bytes[range.lowerBound + k]) != name[k] {
            return false
        }
        return true
    }

    static var contentLength: StaticString { "content-length" }
    static var transferEncoding: StaticString { "transfer-encoding" }
    static var contentType: StaticString { "content-type" }
    static var connection: StaticString { "connection" }
    static var chunked: StaticString { "chunked" }
    static var close: StaticString { "close" }
    static var keepAlive: StaticString { "keep-alive" }
    static var versionPrefix: StaticString { "HTTP/1." }
}
