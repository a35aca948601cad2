/// Byte classes of the YAML grammar, on prepared text where 0 marks the end of the input.
enum YAMLByte {
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    static func isBlank(_ b: UInt8) -> Bool { b == space || b == tab }
    static func isBreakOrEnd(_ b: UInt8) -> Bool { b == lf || b == 0 }
    static func isWhiteOrEnd(_ b: UInt8) -> Bool { isBlank(b) || isBreakOrEnd(b) }

    static func isFlowIndicator(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): return true
        default: return false
        }
    }

    static func isHexDigit(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b)
    }

    static func hexValue(_ b: UInt8) -> UInt32 {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        default: return UInt32(b - 0x61 + 10)
        }
    }
}
