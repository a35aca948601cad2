/// The byte classes of RFC 9110 §5.6 and RFC 9112, as tests on single bytes.
enum HTTPGrammar {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

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

    /// ASCII case-insensitive equality; `lowercaseName` must already be lowercase.
    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ lowercaseName: [UInt8]) -> Bool {
        guard bytes.count == lowercaseName.count else { return false }
        var i = bytes.startIndex
        for expected in lowercaseName {
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
    static func equalsIgnoringCase(_ bytes: [UInt8], _ range: Range<Int>, _ lowercaseName: [UInt8]) -> Bool {
        guard range.count == lowercaseName.count else { return false }
        var i = range.lowerBound
        for expected in lowercaseName {
            if lowercased(bytes[i]) != expected { return false }
            i += 1
        }
        return true
    }

    static let contentLength = Array("content-length".utf8)
    static let transferEncoding = Array("transfer-encoding".utf8)
    static let contentType = Array("content-type".utf8)
    static let connection = Array("connection".utf8)
    static let chunked = Array("chunked".utf8)
    static let close = Array("close".utf8)
    static let keepAlive = Array("keep-alive".utf8)
    static let versionPrefix = Array("HTTP/1.".utf8)
}
