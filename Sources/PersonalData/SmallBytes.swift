/// Up to 40 bytes stored inline, so reading a candidate number never allocates.
struct SmallBytes {
    static let capacity = 40
    private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
    private(set) var count = 0

    var isFull: Bool { count == SmallBytes.capacity }

    mutating func append(_ byte: UInt8) {
        precondition(count < SmallBytes.capacity, "SmallBytes holds at most 40 bytes")
        let index = count
        withUnsafeMutableBytes(of: &storage) { $0[index] = byte }
        count += 1
    }

    mutating func removeLast(_ k: Int) { count -= k }

    subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < count)
        return withUnsafeBytes(of: storage) { $0[index] }
    }

    /// The decimal value of `length` entries from `start` (entries are digit values 0...9).
    func value(from start: Int, length: Int) -> Int {
        var result = 0
        for index in start..<(start + length) { result = result * 10 + Int(self[index]) }
        return result
    }
}
