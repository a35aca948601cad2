/// Up to 32 ASCII bytes as a hashable value without a heap allocation, for looking words up.
struct SmallKey: Hashable {
    var low: SIMD16<UInt8> = .zero
    var high: SIMD16<UInt8> = .zero
    var count: UInt8 = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= 32, "a key holds up to 32 bytes")
        count = UInt8(bytes.count)
        for (index, byte) in bytes.enumerated() {
            if index < 16 { low[index] = byte } else { high[index - 16] = byte }
        }
    }
}
