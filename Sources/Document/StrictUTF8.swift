/// Strict UTF-8 (RFC 3629) decoding and encoding of single scalars.
///
/// Both readers reject malformed input instead of repairing it: a configuration that does not
/// decode is an error the user must see, not text with replacement characters.
public enum StrictUTF8 {
    /// The scalar starting at `index` and its length in bytes, or nil when the bytes there are
    /// not well-formed UTF-8 (overlong forms, surrogates and values above U+10FFFF included).
    static func decode(_ bytes: [UInt8], at index: Int) -> (scalar: UInt32, length: Int)? {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        func continuation(_ k: Int) -> UInt32? {
            let i = index + k
            guard i < bytes.count, bytes[i] & 0xC0 == 0x80 else { return nil }
            return UInt32(bytes[i] & 0x3F)
        }
        switch lead {
        case 0xC2...0xDF:
            guard let c1 = continuation(1) else { return nil }
            return (UInt32(lead & 0x1F) << 6 | c1, 2)
        case 0xE0...0xEF:
            guard let c1 = continuation(1), let c2 = continuation(2) else { return nil }
            let value = UInt32(lead & 0x0F) << 12 | c1 << 6 | c2
            guard value >= 0x800, !(0xD800...0xDFFF).contains(value) else { return nil }
            return (value, 3)
        case 0xF0...0xF4:
            guard let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3) else { return nil }
            let value = UInt32(lead & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            guard (0x10000...0x10FFFF).contains(value) else { return nil }
            return (value, 4)
        default:
            return nil
        }
    }

    /// Appends the UTF-8 form of a scalar value the caller has already checked.
    public static func append(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Whether a value is a Unicode scalar (not a surrogate, not above U+10FFFF).
    static func isScalar(_ value: UInt32) -> Bool {
        value < 0xD800 || (0xE000...0x10FFFF).contains(value)
    }

    /// A scalar as text for error messages: `U+0007`.
    static func codePointName(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
