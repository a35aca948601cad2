import Foundation

// Entries travel as base64 of little-endian (key, positives, negatives) triples in key order:
// compact for shard reports of half a million entries, and the same bytes for the same state.
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
        // Written straight into one buffer: a shard's ranking can be 12 MB, and every copy counts.
        var bytes = Data(count: state.entries.count * 24)
        bytes.withUnsafeMutableBytes { raw in
            for (index, entry) in state.entries.enumerated() {
                raw.storeBytes(of: entry.key.littleEndian, toByteOffset: index * 24, as: UInt64.self)
                raw.storeBytes(of: UInt64(entry.positives).littleEndian, toByteOffset: index * 24 + 8, as: UInt64.self)
                raw.storeBytes(of: UInt64(entry.negatives).littleEndian, toByteOffset: index * 24 + 16, as: UInt64.self)
            }
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
        guard let data = Data(base64Encoded: try container.decode(String.self, forKey: .entries)),
              data.count % 24 == 0, data.count / 24 <= capacity else {
            throw corrupt(.entries, "entries must be base64 of at most `capacity` 24-byte triples")
        }
        // Read in place, not through an array of words: one fewer copy of a large ranking.
        func word(_ index: Int) -> UInt64 {
            data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
        }
        let wordCount = data.count / 8
        var positiveTotal = 0
        var negativeTotal = 0
        entries.reserveCapacity(wordCount / 3)
        for index in stride(from: 0, to: wordCount, by: 3) {
            let key = word(index)
            let validKey = shift.map { key >> UInt64(64 - $0) == 0 } ?? {
                let score = ScoreKey.score(ofOrdered: key)
                return score.isFinite && ScoreKey.ordered(bits: ScoreKey.normalizedBits(score)) == key
            }()
            guard validKey, entries.last.map({ $0.key < key }) ?? true,
                  let entryPositives = Int(exactly: word(index + 1)),
                  let entryNegatives = Int(exactly: word(index + 2)), entryPositives | entryNegatives != 0 else {
                throw corrupt(.entries, "entries must be valid keys in increasing order with counts")
            }
            let (newPositives, overflow1) = positiveTotal.addingReportingOverflow(entryPositives)
            let (newNegatives, overflow2) = negativeTotal.addingReportingOverflow(entryNegatives)
            guard !overflow1, !overflow2 else { throw corrupt(.entries, "counts too large") }
            positiveTotal = newPositives
            negativeTotal = newNegatives
            entries.append(ScoreEntry(key: key, positives: entryPositives, negatives: entryNegatives))
        }
        guard positiveTotal == positives, negativeTotal == negatives else {
            throw corrupt(.entries, "entry counts do not add up to the totals")
        }
        self.positives = positives
        self.negatives = negatives
    }
}
