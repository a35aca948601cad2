#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Fields are looked up by their bytes, so that a String is made only when a new label appears.

/// Interns labels as dense ids 0, 1, 2, ... in order of first appearance.
public struct LabelTable: Sendable {
    /// The labels, indexed by id.
    public private(set) var labels: [Label] = []
    private var ids: [Label: Int] = [:]
    /// Ids of the integers 0..<smallIntegerLimit (or -1): most class labels are small integers.
    private var smallIntegers = [Int](repeating: -1, count: smallIntegerLimit)
    private static let smallIntegerLimit = 256
    private var strings = ByteStringTable()
    /// A direct-mapped cache of strings up to 8 bytes (slice names, class names): skips the
    /// seeded hash for the common case. A miss, collision or not, falls back to `strings`.
    private var shortStrings = [ShortString](repeating: ShortString(key: 0, count: -1, id: 0), count: 256)
    /// The same for CSV texts up to 8 bytes, whatever they turned out to be (`1.0` is the integer
    /// 1, `TRUE` a boolean): a repeated slice name or class skips the number and boolean tests.
    /// Apart from `shortStrings`, as a JSON string "1" is not the number 1.
    private var shortTexts = [ShortString](repeating: ShortString(key: 0, count: -1, id: 0), count: 256)

    private struct ShortString {
        var key: UInt64
        var count: Int
        var id: Int
    }

    public init() {}

    /// A table whose ids follow the given order (say, the configured `classes`).
    public init(_ labels: [Label]) {
        for label in labels { insert(label) }
    }

    public var count: Int { labels.count }

    /// The id of `label`, or nil if the table has not seen it.
    public func id(of label: Label) -> Int? {
        if case .integer(let n) = label.value, n >= 0, n < Self.smallIntegerLimit {
            let id = smallIntegers[n]
            return id >= 0 ? id : nil
        }
        return ids[label]
    }

    /// The id of `label`, adding it if new.
    @discardableResult
    public mutating func insert(_ label: Label) -> Int {
        if let id = id(of: label) { return id }
        let id = labels.count
        labels.append(label)
        ids[label] = id
        switch label.value {
        case .integer(let n) where n >= 0 && n < Self.smallIntegerLimit: smallIntegers[n] = id
        case .string(var text): text.withUTF8 { strings.insert(UnsafeRawBufferPointer($0), id: id) }
        default: break
        }
        return id
    }

    /// The id of CSV text (a number, a boolean word, or else the exact string); nil when a new
    /// string label is not valid UTF-8.
    mutating func id(text bytes: UnsafeRawBufferPointer) -> Int? {
        // One or two digits: no need for the general number parser.
        if bytes.count == 1, case let d = bytes[0] &- 0x30, d < 10 {
            let id = smallIntegers[Int(d)]
            return id >= 0 ? id : insert(Label(Int(d)))
        }
        guard bytes.count <= 8 else { return interpretedID(text: bytes) }
        let (key, slot) = Self.shortKey(bytes)
        let cached = shortTexts[slot]
        if cached.key == key, cached.count == bytes.count { return cached.id }
        guard let id = interpretedID(text: bytes) else { return nil }
        shortTexts[slot] = ShortString(key: key, count: bytes.count, id: id)
        return id
    }

    private mutating func interpretedID(text bytes: UnsafeRawBufferPointer) -> Int? {
        if let first = bytes.first, first &- 0x30 < 10 || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") || first == 0x20 || first == 0x09,
           let number = Label.number(fromText: bytes) {
            return insert(number)
        }
        if let bool = Label.bool(fromText: bytes) { return insert(bool) }
        return id(string: bytes)
    }

    /// The id of an exact string; nil when it is new and not valid UTF-8.
    mutating func id(string bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count <= 8 else { return longStringID(bytes) }
        let (key, slot) = Self.shortKey(bytes)
        let cached = shortStrings[slot]
        if cached.key == key, cached.count == bytes.count { return cached.id }
        guard let id = longStringID(bytes) else { return nil }
        shortStrings[slot] = ShortString(key: key, count: bytes.count, id: id)
        return id
    }

    /// Up to 8 bytes as one word, and its slot in a 256-entry cache.
    @inline(__always)
    private static func shortKey(_ bytes: UnsafeRawBufferPointer) -> (key: UInt64, slot: Int) {
        var key: UInt64 = 0
        for i in 0 ..< bytes.count { key |= UInt64(bytes[i]) << UInt64(8 * i) }
        return (key, Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56))
    }

    private mutating func longStringID(_ bytes: UnsafeRawBufferPointer) -> Int? {
        if let id = strings.find(bytes) { return id }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return insert(Label(text))
    }
}

/// An open-addressing hash table from byte strings to ids, with its keys in one byte arena.
struct ByteStringTable: Sendable {
    private var arena: [UInt8] = []
    private var entries: [(hash: Int, offset: Int, count: Int, id: Int)] = []
    /// Entry index + 1 per bucket, 0 for empty; the count of buckets is a power of two.
    private var buckets = [Int](repeating: 0, count: 16)

    func find(_ key: UnsafeRawBufferPointer) -> Int? {
        let hash = Self.hash(key)
        let mask = buckets.count - 1
        var bucket = hash & mask
        while buckets[bucket] != 0 {
            let entry = entries[buckets[bucket] - 1]
            if entry.hash == hash, entry.count == key.count, arena.withUnsafeBytes({ all in
                key.count == 0 || memcmp(all.baseAddress! + entry.offset, key.baseAddress!, key.count) == 0
            }) {
                return entry.id
            }
            bucket = (bucket + 1) & mask
        }
        return nil
    }

    mutating func insert(_ key: UnsafeRawBufferPointer, id: Int) {
        if (entries.count + 1) * 4 > buckets.count * 3 { grow() }
        let hash = Self.hash(key)
        entries.append((hash, arena.count, key.count, id))
        arena.append(contentsOf: key)
        place(entries.count - 1, hash: hash)
    }

    private mutating func place(_ index: Int, hash: Int) {
        let mask = buckets.count - 1
        var bucket = hash & mask
        while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = index + 1
    }

    private mutating func grow() {
        buckets = [Int](repeating: 0, count: buckets.count * 2)
        for index in entries.indices { place(index, hash: entries[index].hash) }
    }

    /// Swift's seeded hasher: labels come from data files, which must not be able to force
    /// collisions.
    private static func hash(_ key: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: key)
        return hasher.finalize()
    }
}
