/// Where a secret may start, by the bytes it starts with: for each first byte the rules' anchors
/// that start with it, and a bit for every pair of first two bytes that some anchor starts with.
/// Scanning asks the pair first: in model weights and most text only a few pairs in a thousand
/// are set, so the scanner's loop does one bit test per byte and tries rules rarely.
struct AnchorIndex: Sendable {
    /// For each first byte, the (rule, anchor) pairs that start with it.
    let byFirstByte: [[(rule: Int, anchor: [UInt8])]]
    /// 65,536 bits, one per (first, second) byte pair, at `first << 8 | second`.
    let pairs: [UInt64]

    init(rules: [SecretRule]) {
        var byFirstByte = [[(rule: Int, anchor: [UInt8])]](repeating: [], count: 256)
        var pairs = [UInt64](repeating: 0, count: 1024)
        func cases(_ byte: UInt8, _ ignoreCase: Bool) -> [UInt8] {
            ignoreCase && byte >= 0x61 && byte <= 0x7A ? [byte, byte - 0x20] : [byte]
        }
        for (index, rule) in rules.enumerated() {
            for anchor in rule.anchors {
                guard let first = anchor.first else { continue }
                for byte in cases(first, rule.anchorsIgnoreCase) { byFirstByte[Int(byte)].append((index, anchor)) }
                // A one-byte anchor may be followed by anything.
                let seconds = anchor.count > 1 ? cases(anchor[1], rule.anchorsIgnoreCase) : (0...255).map { UInt8($0) }
                for byte in cases(first, rule.anchorsIgnoreCase) {
                    for second in seconds {
                        let key = Int(byte) << 8 | Int(second)
                        pairs[key >> 6] |= 1 << UInt64(key & 63)
                    }
                }
            }
        }
        self.byFirstByte = byFirstByte
        self.pairs = pairs
    }

    /// The first index in `from..<end` where an anchor may start (`end` when none may; `from`
    /// itself when it is past `end`). A pair that would run past the bytes is judged by its first
    /// byte alone.
    @inline(__always)
    func nextCandidate(_ bytes: UnsafeRawBufferPointer, from start: Int, end: Int) -> Int {
        guard start < end, let base = bytes.baseAddress else { return max(start, end) }
        let pairEnd = min(end, bytes.count - 1)
        var index = start
        let found: Bool = pairs.withUnsafeBufferPointer { bits in
            while index < pairEnd {
                let key = Int(base.load(fromByteOffset: index, as: UInt8.self)) << 8 | Int(base.load(fromByteOffset: index + 1, as: UInt8.self))
                if bits[key >> 6] & (1 << UInt64(key & 63)) != 0 { return true }
                index += 1
            }
            return false
        }
        if found { return index }
        if index < end, !byFirstByte[Int(bytes[index])].isEmpty { return index }
        return end
    }
}
