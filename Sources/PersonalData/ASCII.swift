// Byte tests the detectors share; text is UTF-8, and every structure they look for is ASCII.

@inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
@inline(__always) func isUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
@inline(__always) func isLower(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
@inline(__always) func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
@inline(__always) func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }

@inline(__always) func hexValue(_ byte: UInt8) -> Int? {
    if isDigit(byte) { return Int(byte - 0x30) }
    let folded = byte | 0x20
    if folded >= 0x61 && folded <= 0x66 { return Int(folded - 0x61 + 10) }
    return nil
}

extension UnsafeRawBufferPointer {
    /// The byte at `index`, or 0 past either end, so parsers can look ahead without bounds checks of their own.
    @inline(__always) func byte(_ index: Int) -> UInt8 {
        index >= 0 && index < count ? self[index] : 0
    }

    /// The value of `length` digits at `index`, or nil if any is not a digit.
    func number(at index: Int, length: Int) -> Int? {
        var value = 0
        for offset in 0..<length {
            let byte = self.byte(index + offset)
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
