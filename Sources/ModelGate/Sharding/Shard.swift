/// One of `count` shares of a test set (`--shard K/N`, K from 1): a CI matrix runs every share
/// in its own job, and `modelgate merge` combines their states into the verdict one run gives.
///
/// Rows are assigned by a stable hash of their id when a gate has an id column (so the share does
/// not depend on the row order), else by row number. Every shard reads the whole file and keeps
/// its rows: reading is the cheap part; what the rows cost (decoding, metrics, predictions) is split.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based, as CI matrices number their jobs.
    public let index: Int
    public let count: Int

    /// More shards than any CI matrix runs; the bound also keeps sums over shards far from overflow.
    public static let maximumCount = 10_000

    public init?(index: Int, count: Int) {
        guard (1...Self.maximumCount).contains(count), (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/N` with 1 <= K <= N <= `maximumCount`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the row at 0-based `rowIndex` of its file belongs to this shard (round robin).
    @inline(__always)
    public func includes(rowIndex: Int) -> Bool {
        rowIndex % count == index - 1
    }

    /// Whether the row whose key (an id, as written) is `bytes` belongs to this shard.
    @inline(__always)
    public func includes(key bytes: UnsafeRawBufferPointer) -> Bool {
        Int(Self.stableHash(bytes) % UInt64(count)) == index - 1
    }

    /// FNV-1a (64-bit) of the bytes, then SplitMix64's finaliser so that every bit of the result
    /// depends on every byte and `hash % N` is even for small N. Both are published algorithms
    /// with fixed constants, so a row lands in the same shard on every machine and release.
    public static func stableHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = fnv1a64(bytes)
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }

    /// FNV-1a, 64-bit: offset basis 0xcbf29ce484222325, prime 0x100000001b3.
    static func fnv1a64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
