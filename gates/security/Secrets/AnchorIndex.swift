/// Where a secret may start, by the bytes it starts with: for each first byte the rules' anchors
/// that start with it, and a bit for every pair of bytes that some anchor holds at its start or
/// (when every anchor has at least three bytes) one byte in. Scanning tests a pair at every
/// other byte: an anchor starting at `p` shows its first pair at `p` or its second at `p + 1`,
/// and one of the two is tested. In model weights and most text few pairs in a thousand are set,
/// so the scanner's loop does one bit test per two bytes and tries rules rarely.
struct AnchorIndex: Sendable {
    /// For each first byte, the (rule, anchor) pairs that start with it.
    let byFirstByte: [[(rule: Int, anchor: [UInt8])]]
    /// 65,536 bits, one per byte pair, at `first << 8 | second`.
    let pairs: [UInt64]
    /// 2 when every anchor has at least three bytes, else 1 (every byte's pair is tested).
    let stride: Int

    init(rules: [SecretRule]) {
        var byFirstByte = [[(rule: Int, anchor: [UInt8])]](repeating: [], count: 256)
        var pairs = [UInt64](repeating: 0, count: 1024)
        let shortest = rules.flatMap(\.anchors).map(\.count).min() ?? 0
        stride = shortest >= 3 ? 2 : 1
        func cases(_ byte: UInt8, _ ignoreCase: Bool) -> [UInt8] {
            ignoreCase && byte >= 0x61 && byte <= 0x7A ? [byte, byte - 0x20] : [byte]
        }
        func set(_ first: [UInt8], _ seconds: [UInt8]) {
            for byte in first {
                for second in seconds {
                    let key = Int(byte) << 8 | Int(second)
                    pairs[key >> 6] |= 1 << UInt64(key & 63)
                }
            }
        }
        for (index, rule) in rules.enumerated() {
            for anchor in rule.anchors {
                guard let first = anchor.first else { continue }
                let fold = rule.anchorsIgnoreCase
                for byte in cases(first, fold) { byFirstByte[Int(byte)].append((index, anchor)) }
                // A one-byte anchor may be followed by anything.
                set(cases(first, fold), anchor.count > 1 ? cases(anchor[1], fold) : (0...255).map { UInt8($0) })
                if stride == 2 { set(cases(anchor[1], fold), cases(anchor[2], fold)) }
            }
        }
        self.byFirstByte = byFirstByte
        self.pairs = pairs
    }

    /// The first index in `from..<end` where an anchor may start (`end` when none may; `from`
    /// itself when it is past `end`); it may be a little early, never late. Near the bytes' end,
    /// where a pair would run past them, every index is a candidate.
    @inline(__always)
    func nextCandidate(_ bytes: UnsafeRawBufferPointer, from start: Int, end: Int) -> Int {
        guard start < end, let base = bytes.baseAddress else { return max(start, end) }
        // A probe at `probe` covers anchors starting there and one byte before.
        let probeEnd = min(end + stride - 1, bytes.count - 1)
        var probe = start
        let found: Bool = pairs.withUnsafeBufferPointer { bits in
            while probe < probeEnd {
                let key = Int(base.load(fromByteOffset: probe, as: UInt8.self)) << 8 | Int(base.load(fromByteOffset: probe + 1, as: UInt8.self))
                if bits[key >> 6] & (1 << UInt64(key & 63)) != 0 { return true }
                probe += stride
            }
            return false
        }
        if found { return max(start, probe - stride + 1) }
        // The last bytes, where no pair fits: try each (a short anchor may still match there).
        return min(max(start, probeEnd - stride + 1), end)
    }
}
