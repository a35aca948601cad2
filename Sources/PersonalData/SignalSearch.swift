/// Finds the next byte that can make a word interesting (a digit, `:` or `@`) eight bytes at a
/// time, so prose and identifiers without digits are passed over without looking at each byte.
enum SignalSearch {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The offset of the first digit, `:` or `@` at or after `start`, or `text.count`.
    @inline(__always) static func next(in text: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        let count = text.count
        if let base = text.baseAddress {
            while index + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian
                let found = signalBytes(word)
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < count, !isSignal(text[index]) { index += 1 }
        return index
    }

    @inline(__always) static func isSignal(_ byte: UInt8) -> Bool {
        byte &- 0x30 <= 0x0A || byte == UInt8(ascii: "@")
    }

    /// The high bit of each byte that is 0x30...0x3A (digits and `:`) or 0x40 (`@`). Exact: the
    /// additions never carry out of a byte, because every byte is first cut to 7 bits, and bytes
    /// of 0x80 and above (UTF-8 beyond ASCII) are dropped at the end.
    @inline(__always) static func signalBytes(_ word: UInt64) -> UInt64 {
        let low = word & ~highBits
        let atLeast30 = low &+ (0x80 - 0x30) &* ones
        let atLeast3B = low &+ (0x80 - 0x3B) &* ones
        let digitsAndColon = atLeast30 & ~atLeast3B
        let at = low ^ (0x40 &* ones)
        let atIsZero = ~((at &+ ~highBits) | at)
        return (digitsAndColon | atIsZero) & highBits & ~word
    }
}
