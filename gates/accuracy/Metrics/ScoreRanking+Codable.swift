import Foundation

// Entries travel as base64 of (key − previous key, positives, negatives) triples in key order,
// each an unsigned LEB128 varint: adjacent keys are close and counts small, so an entry takes
// about 7 bytes instead of 24. A shard report's ranking of half a million entries is then ~5 MB
// of JSON, and every copy a shard run and a merge make of it is a quarter of the size. The same
// state always gives the same bytes.
extension ScoreRanking: Codable {
    private enum CodingKeys: String, CodingKey {
        case capacity, binShift, positives, negatives, entries
    }

    public func encode(to encoder: any Encoder) throws {
        let state = flushed()
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacity, forKey: .capacity)
        try container.encodeIfPresent(state.shift, forKey: .binShift)
        try container.encode(positives, forKey: .positives)
        try container.encode(negatives, forKey: .negatives)
        var bytes = Data()
        bytes.reserveCapacity(state.entries.count * 8)
        var previous: UInt64 = 0
        for entry in state.entries {
            Self.appendVarint(entry.key &- previous, to: &bytes)
            Self.appendVarint(UInt64(entry.positives), to: &bytes)
            Self.appendVarint(UInt64(entry.negatives), to: &bytes)
            previous = entry.key
        }
        try container.encode(bytes.base64EncodedString(), forKey: .entries)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func corrupt(_ key: CodingKeys, _ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: message)
        }
        let capacity = try container.decode(Int.self, forKey: .capacity)
        guard capacity >= 1 else { throw corrupt(.capacity, "capacity must be at least 1") }
        self.init(capacity: capacity)
        shift = try container.decodeIfPresent(Int.self, forKey: .binShift)
        if let shift, !(1...64).contains(shift) { throw corrupt(.binShift, "bin shift out of range") }
        let positives = try container.decode(Int.self, forKey: .positives)
        let negatives = try container.decode(Int.self, forKey: .negatives)
        guard let data = Data(base64Encoded: try container.decode(String.self, forKey: .entries)) else {
            throw corrupt(.entries, "entries must be base64")
        }
        let badEntries = corrupt(.entries, "entries must be at most `capacity` varint triples of increasing valid keys with counts that add up")
        var reader = VarintReader(data)
        var positiveTotal = 0
        var negativeTotal = 0
        var key: UInt64 = 0
        while !reader.atEnd {
            guard entries.count < capacity, let delta = reader.next(), let entryPositives = reader.next().flatMap(Int.init(exactly:)),
                  let entryNegatives = reader.next().flatMap(Int.init(exactly:)) else { throw badEntries }
            let (next, overflow) = key.addingReportingOverflow(delta)
            // Keys strictly increase: only the first may equal the previous one's start, 0.
            guard !overflow, delta > 0 || entries.isEmpty else { throw badEntries }
            key = next
            let validKey = shift.map { key >> UInt64(64 - $0) == 0 } ?? {
                let score = ScoreKey.score(ofOrdered: key)
                return score.isFinite && ScoreKey.ordered(bits: ScoreKey.normalizedBits(score)) == key
            }()
            let (newPositives, overflow1) = positiveTotal.addingReportingOverflow(entryPositives)
            let (newNegatives, overflow2) = negativeTotal.addingReportingOverflow(entryNegatives)
            guard validKey, entryPositives | entryNegatives != 0, !overflow1, !overflow2 else { throw badEntries }
            positiveTotal = newPositives
            negativeTotal = newNegatives
            entries.append(ScoreEntry(key: key, positives: entryPositives, negatives: entryNegatives))
        }
        guard positiveTotal == positives, negativeTotal == negatives else { throw badEntries }
        self.positives = positives
        self.negatives = negatives
    }

    /// Unsigned LEB128: seven bits per byte, low bits first, the high bit set on all but the last.
    private static func appendVarint(_ value: UInt64, to bytes: inout Data) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}

/// Reads unsigned LEB128 varints; nil for one that is cut off or does not fit 64 bits.
private struct VarintReader {
    private let data: Data
    private var offset: Int

    init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    var atEnd: Bool { offset == data.endIndex }

    mutating func next() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < data.endIndex {
            let byte = data[offset]
            offset += 1
            // The tenth byte holds the 64th bit only.
            guard shift < 63 || byte <= 1 else { return nil }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}
