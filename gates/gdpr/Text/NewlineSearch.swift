// Depends on nothing but the standard library, like the rest of this folder.

/// Finds and counts `\n` eight bytes at a time: the reader counts the lines of every chunk it
/// reads, and a worker finds each line's end, so both loops run on every byte of a file.
enum NewlineSearch {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The high bit of each byte of `word` that is `\n`. Exact (no false positives from a
    /// borrow): each byte is compared on its low seven bits without carrying into its neighbour.
    @inline(__always) private static func newlines(_ word: UInt64) -> UInt64 {
        let x = word ^ (0x0A &* ones)
        return ~(((x & lowBits) &+ lowBits) | x | lowBits)
    }

    /// The offset of the first `\n` in `bytes[start..<end]`, or `end`.
    static func next(in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            while index + 8 <= end {
                let found = newlines(base.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < end, bytes[index] != 0x0A { index += 1 }
        return index
    }

    /// How many `\n` are in `bytes[start..<end]`: sixteen bytes compared at a time, the hits
    /// added up in byte lanes that are summed before they could overflow.
    static func count(in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int {
        var index = start
        var total = 0
        if let base = bytes.baseAddress {
            let newline = SIMD16<UInt8>(repeating: 0x0A)
            let none = SIMD16<UInt8>()
            while index + 16 <= end {
                var lanes = SIMD16<UInt8>()
                var rounds = 0
                while rounds < 255, index + 16 <= end {
                    let block = base.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
                    lanes &+= none.replacing(with: 1, where: block .== newline)
                    index += 16
                    rounds += 1
                }
                // Up to 255 per lane, so summed in wider lanes.
                total += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
            }
        }
        while index < end {
            if bytes[index] == 0x0A { total += 1 }
            index += 1
        }
        return total
    }
}
