// The byte form a report carries (base64 in JSON) so baselines can be compared and shards
// merged. Version 1, all numbers unsigned LEB128 varints, shortest form only:
//
//   "LH" 0x01, sub-bucket bits (6), value bits (42)     layout, so a changed layout is refused
//   k                                                    the number of non-empty buckets
//   k × (gap, count)                                     index = previous index + gap (first: gap - 1)
//   if k > 0: min, max, sum >> 64, sum & (2^64 - 1)      exact totals
//
// Sparse, so a typical run of a few hundred buckets takes a few hundred bytes; canonical, so
// equal histograms encode to equal bytes. The decoder treats the bytes as hostile: every
// index, count and total is checked before use, and anything inconsistent is an error.

extension LatencyHistogram {
    private static let magic: [UInt8] = [0x4C, 0x48]
    private static let version: UInt8 = 1

    /// The versioned, sparse byte form; `init(decoding:)` reads it back exactly.
    public func encode() -> [UInt8] {
        var bytes = Self.magic + [Self.version, UInt8(LatencyBucketLayout.subBucketBits), UInt8(LatencyBucketLayout.valueBits)]
        let filled = counts.indices.filter { counts[$0] > 0 }
        appendVarint(UInt64(filled.count), to: &bytes)
        var previous = -1
        for index in filled {
            appendVarint(UInt64(index - previous), to: &bytes)
            appendVarint(counts[index], to: &bytes)
            previous = index
        }
        if let min, let max {
            for number in [min, max, UInt64(sum >> 64), UInt64(truncatingIfNeeded: sum)] {
                appendVarint(number, to: &bytes)
            }
        }
        return bytes
    }

    /// Reads `encode()`'s form; throws `LatencyHistogramError` on anything else, never traps.
    public init(decoding bytes: [UInt8]) throws(LatencyHistogramError) {
        self.init()
        var reader = VarintReader(bytes: bytes)
        guard try reader.bytes(2) == Self.magic else { throw .badMagic }
        let version = try reader.bytes(1)[0]
        guard version == Self.version else { throw .unsupportedVersion(version) }
        let layout = try reader.bytes(2)
        guard layout == [UInt8(LatencyBucketLayout.subBucketBits), UInt8(LatencyBucketLayout.valueBits)] else {
            throw .layoutMismatch(subBucketBits: layout[0], valueBits: layout[1])
        }
        let filled = try reader.varint()
        guard filled <= UInt64(LatencyBucketLayout.bucketCount) else { throw .bucketOutOfOrder(index: filled) }
        var previous = -1
        var total: UInt64 = 0
        for _ in 0..<filled {
            let gap = try reader.varint()
            guard gap >= 1, gap < UInt64(LatencyBucketLayout.bucketCount - previous) else {
                throw .bucketOutOfOrder(index: UInt64(previous + 1) &+ gap &- 1)
            }
            let index = previous + Int(gap)
            let bucketCount = try reader.varint()
            guard bucketCount > 0 else { throw .zeroCount(index: index) }
            let (newTotal, overflow) = total.addingReportingOverflow(bucketCount)
            guard !overflow, newTotal <= Self.maximumCount else { throw .countTooLarge }
            counts[index] = bucketCount
            total = newTotal
            previous = index
        }
        if filled > 0 {
            let min = try reader.varint(), max = try reader.varint()
            let sum = UInt128(try reader.varint()) << 64 | UInt128(try reader.varint())
            count = total
            try checkTotals(min: min, max: max, sum: sum)
            self.min = min
            self.max = max
            self.sum = sum
        }
        guard reader.atEnd else { throw .trailingBytes(offset: reader.offset) }
    }

    /// min and max must sit in the lowest and highest filled buckets, and the sum between
    /// the least and most the counts allow: what any recorded sample satisfies.
    private func checkTotals(min: UInt64, max: UInt64, sum: UInt128) throws(LatencyHistogramError) {
        let filled = counts.indices.filter { counts[$0] > 0 }
        guard let lowest = filled.first, let highest = filled.last else { return }
        guard min <= max, LatencyBucketLayout.index(of: min) == lowest, LatencyBucketLayout.index(of: max) == highest else {
            throw .inconsistent("min \(min) and max \(max) do not match the filled buckets \(lowest)...\(highest)")
        }
        guard count > 1 || min == max else { throw .inconsistent("one value, but min \(min) differs from max \(max)") }
        // Each product is below 2^63 · 2^64 and the total count below 2^63: no overflow.
        var least: UInt128 = 0, most: UInt128 = 0
        for index in filled {
            let (lower, upper) = LatencyBucketLayout.bounds(of: index)
            least += UInt128(counts[index]) * UInt128(Swift.max(lower, min))
            most += UInt128(counts[index]) * UInt128(Swift.min(upper, max))
        }
        guard sum >= least, sum <= most else {
            throw .inconsistent("sum \(sum) outside \(least)...\(most), what the buckets allow")
        }
    }

    private func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}

/// Reads fields of the histogram's byte form, throwing where the bytes end or break the form.
private struct VarintReader {
    let bytes: [UInt8]
    var offset = 0

    var atEnd: Bool { offset == bytes.count }

    mutating func bytes(_ length: Int) throws(LatencyHistogramError) -> [UInt8] {
        guard bytes.count - offset >= length else { throw .truncated(offset: offset) }
        defer { offset += length }
        return Array(bytes[offset..<offset + length])
    }

    /// An unsigned LEB128 number of at most 64 bits, in its shortest form.
    mutating func varint() throws(LatencyHistogramError) -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw .truncated(offset: offset) }
            let byte = bytes[offset]
            offset += 1
            let payload = UInt64(byte & 0x7F)
            // The tenth byte holds bit 63 only; a zero last byte after others is not shortest.
            guard shift < 63 || payload <= 1, !(byte == 0 && offset - start > 1) else {
                throw .malformedNumber(offset: start)
            }
            value |= payload << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }
}
