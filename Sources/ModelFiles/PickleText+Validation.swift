/// Whether the loader can decode a string operand at all: a string it refuses stops the load, so
/// the scan must stop there too rather than judge what follows as if it ran.
extension PickleText {
    func isLoadable(in input: UnsafeRawBufferPointer) -> Bool {
        let bytes = UnsafeRawBufferPointer(rebasing: input[start..<(start + count)])
        switch form {
        case .utf8: return Self.isUTF8AllowingSurrogates(bytes)
        case .latin1: return true   // ASCII by default, Latin-1 or bytes as the loader chooses
        case .escaped, .rawUnicodeEscape:
            guard bytes.contains(UInt8(ascii: "\\")) else { return true }
            return decode(in: input, maxBytes: Int.max) != nil || form == .rawUnicodeEscape && Self.hasOnlySurrogateEscapes(bytes)
        }
    }

    /// UTF-8 as CPython's `surrogatepass` reads it: encoded surrogates (ED A0–BF xx) are allowed.
    static func isUTF8AllowingSurrogates(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            // Eight ASCII bytes at a time: the common case for names and keys.
            if n - i >= 8, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEF: length = 3
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard n - i >= length, (low...high).contains(bytes[i + 1]) else { return false }
            for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return false }
            i += length
        }
        return true
    }

    /// A raw-unicode-escape text whose only failure to decode as a Swift string is a surrogate
    /// escape (`\ud800`), which Python accepts into a str: well-formed, so loadable.
    private static func hasOnlySurrogateEscapes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "\\") else { i += 1; continue }
            var run = 0
            while i < bytes.count, bytes[i] == UInt8(ascii: "\\") { run += 1; i += 1 }
            guard run % 2 == 1, i < bytes.count, bytes[i] == UInt8(ascii: "u") || bytes[i] == UInt8(ascii: "U") else { continue }
            let width = bytes[i] == UInt8(ascii: "u") ? 4 : 8
            i += 1
            guard i + width <= bytes.count else { return false }
            var value: UInt32 = 0
            for k in 0..<width {
                guard let digit = hexDigit(bytes[i + k]) else { return false }
                value = value << 4 | UInt32(digit)
            }
            guard value <= 0x10FFFF else { return false }
            i += width
        }
        return true
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
