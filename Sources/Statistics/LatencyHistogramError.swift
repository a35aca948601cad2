/// Why a `LatencyHistogram` could not be decoded or merged.
public enum LatencyHistogramError: Error, Equatable, CustomStringConvertible {
    /// The bytes end inside a field.
    case truncated(offset: Int)
    case badMagic
    case unsupportedVersion(UInt8)
    /// The bucket layout of the encoder differs from this one's.
    case layoutMismatch(subBucketBits: UInt8, valueBits: UInt8)
    /// A varint longer than its type, or with bits beyond it.
    case malformedNumber(offset: Int)
    /// A bucket index beyond the layout, or not after the previous one.
    case bucketOutOfOrder(index: UInt64)
    case zeroCount(index: Int)
    /// The counts add up to more than a histogram may hold.
    case countTooLarge
    /// min, max or sum cannot come from values in the recorded buckets.
    case inconsistent(String)
    case trailingBytes(offset: Int)
    /// A merge whose count or sum would overflow.
    case mergeOverflow

    public var description: String {
        switch self {
        case .truncated(let offset): "latency histogram: bytes end inside a field at offset \(offset)"
        case .badMagic: "latency histogram: not a latency histogram (bad magic bytes)"
        case .unsupportedVersion(let version): "latency histogram: unsupported version \(version)"
        case .layoutMismatch(let sub, let bits):
            "latency histogram: bucket layout \(sub)/\(bits) differs from this build's "
                + "\(LatencyBucketLayout.subBucketBits)/\(LatencyBucketLayout.valueBits)"
        case .malformedNumber(let offset): "latency histogram: malformed number at offset \(offset)"
        case .bucketOutOfOrder(let index): "latency histogram: bucket index \(index) out of range or out of order"
        case .zeroCount(let index): "latency histogram: bucket \(index) listed with count 0"
        case .countTooLarge: "latency histogram: counts add up to more than \(LatencyHistogram.maximumCount)"
        case .inconsistent(let what): "latency histogram: \(what)"
        case .trailingBytes(let offset): "latency histogram: unexpected bytes after the end, at offset \(offset)"
        case .mergeOverflow: "latency histogram: merged count or sum would overflow"
        }
    }
}
