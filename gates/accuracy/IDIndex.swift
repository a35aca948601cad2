#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ids (byte strings, compared exactly) numbered 0, 1, 2, ... in order of insertion, in compact
/// memory: every id's bytes in one arena, an 8-byte end offset per id, and an open-addressing
/// table of 8-byte buckets at most 3/4 full. About 19–30 bytes per id beside its bytes, and no
/// object or String per id, so millions of ids stay a few arrays.
struct IDIndex {
    private var arena: [UInt8] = []
    /// `ends[i]`: where id i's bytes end in `arena` (they start at `ends[i - 1]`, or 0).
    private var ends: [Int] = []
    /// Per bucket, 0 when empty, else the low 32 bits of the id's hash above its entry number + 1.
    /// The hash bits let a probe skip other ids without reading them (a cache miss each), and let
    /// the table grow without hashing every id again: they hold the bucket index of any table
    /// up to 2^32 buckets.
    private var buckets = [UInt64](repeating: 0, count: 16)

    /// The most ids it holds: entry numbers are 32-bit.
    static let capacity = Int(Int32.max)

    var count: Int { ends.count }

    /// The entry number of `id`, or nil if it was never inserted.
    func find(_ id: UnsafeRawBufferPointer) -> Int? {
        let bucket = probe(id).bucket
        return buckets[bucket] == 0 ? nil : Self.entry(buckets[bucket])
    }

    /// Adds `id` as the next entry, unless it is there already: then returns its entry number.
    /// The caller keeps `count` below `capacity`.
    mutating func insert(_ id: UnsafeRawBufferPointer) -> (entry: Int, inserted: Bool) {
        var (bucket, hash) = probe(id)
        if buckets[bucket] != 0 { return (Self.entry(buckets[bucket]), false) }
        if (count + 1) * 4 > buckets.count * 3 {
            grow()
            bucket = probe(id).bucket
        }
        arena.append(contentsOf: id)
        ends.append(arena.count)
        buckets[bucket] = UInt64(hash) << 32 | UInt64(count)
        return (count - 1, true)
    }

    /// The bytes of entry `entry` (for messages).
    func id(at entry: Int) -> [UInt8] {
        Array(arena[start(entry) ..< ends[entry]])
    }

    /// The bucket holding `id`, or the empty bucket where it would go; and its hash bits.
    private func probe(_ id: UnsafeRawBufferPointer) -> (bucket: Int, hash: UInt32) {
        let hash = Self.hash(id)
        let mask = buckets.count - 1
        var bucket = Int(hash) & mask
        while buckets[bucket] != 0 {
            let stored = buckets[bucket]
            if UInt32(truncatingIfNeeded: stored >> 32) == hash, matches(Self.entry(stored), id) { break }
            bucket = (bucket + 1) & mask
        }
        return (bucket, hash)
    }

    private static func entry(_ stored: UInt64) -> Int { Int(stored & 0xFFFF_FFFF) - 1 }

    private func start(_ entry: Int) -> Int { entry == 0 ? 0 : ends[entry - 1] }

    private func matches(_ entry: Int, _ id: UnsafeRawBufferPointer) -> Bool {
        let start = start(entry)
        guard ends[entry] - start == id.count else { return false }
        guard id.count > 0 else { return true }
        return arena.withUnsafeBytes { memcmp($0.baseAddress! + start, id.baseAddress!, id.count) == 0 }
    }

    /// Doubles the table, placing each bucket by the hash bits it holds.
    private mutating func grow() {
        let old = buckets
        buckets = [UInt64](repeating: 0, count: old.count * 2)
        let mask = buckets.count - 1
        for stored in old where stored != 0 {
            var bucket = Int(stored >> 32) & mask
            while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
            buckets[bucket] = stored
        }
    }

    /// Swift's seeded hasher: ids come from data files, which must not be able to force collisions.
    private static func hash(_ id: UnsafeRawBufferPointer) -> UInt32 {
        var hasher = Hasher()
        hasher.combine(bytes: id)
        return UInt32(truncatingIfNeeded: hasher.finalize())
    }
}
