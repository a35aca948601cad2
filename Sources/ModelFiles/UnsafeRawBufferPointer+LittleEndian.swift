// Bounds-checked little-endian reads for the container readers: a field past the end is nil,
// never a trap, so a truncated or lying header becomes a finding.
extension UnsafeRawBufferPointer {
    func littleEndian(at offset: Int, size: Int) -> UInt64? {
        guard offset >= 0, size <= 8, offset <= count - size else { return nil }
        var value: UInt64 = 0
        for index in (0..<size).reversed() { value = value << 8 | UInt64(self[offset + index]) }
        return value
    }

    func u16(_ offset: Int) -> Int? { littleEndian(at: offset, size: 2).map { Int($0) } }
    func u32(_ offset: Int) -> Int? { littleEndian(at: offset, size: 4).map { Int($0) } }
    /// A 64-bit length or offset; values past Int.max (never a real size) read as nil.
    func u64(_ offset: Int) -> Int? { littleEndian(at: offset, size: 8).flatMap { $0 <= UInt64(Int.max) ? Int($0) : nil } }

    func starts(with magic: [UInt8], at offset: Int = 0) -> Bool {
        guard offset >= 0, offset <= count - magic.count else { return false }
        for (index, byte) in magic.enumerated() where self[offset + index] != byte { return false }
        return true
    }
}
