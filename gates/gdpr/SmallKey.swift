/// Up to 32 bytes as a hashable value without a heap allocation, for looking words up: four
/// machine words hash far faster than a byte array or SIMD lanes hashed byte by byte.
struct SmallKey: Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var count: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= 32, "a key holds up to 32 bytes")
        count = bytes.count
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: bytes) }
    }

    static func == (lhs: SmallKey, rhs: SmallKey) -> Bool {
        lhs.count == rhs.count && lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
        hasher.combine(count)
    }
}
