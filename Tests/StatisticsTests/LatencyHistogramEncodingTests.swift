import Testing
import Statistics

struct LatencyHistogramEncodingTests {
    static let header: [UInt8] = [0x4C, 0x48, 1, 6, 42]

    /// Hand-made bytes: the header, the (gap, count) pairs, then the totals as varints.
    static func bytes(header: [UInt8] = header, buckets: [(gap: UInt64, count: UInt64)], totals: [UInt64]) -> [UInt8] {
        var bytes = header + varint(UInt64(buckets.count))
        for bucket in buckets { bytes += varint(bucket.gap) + varint(bucket.count) }
        for total in totals { bytes += varint(total) }
        return bytes
    }

    static func varint(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = [], rest = value
        repeat {
            bytes.append(UInt8(rest & 0x7F) | (rest >= 0x80 ? 0x80 : 0))
            rest >>= 7
        } while rest > 0
        return bytes
    }

    static let sample: LatencyHistogram = {
        var histogram = LatencySamples.histogram(of: LatencySamples.logNormal(3_000, median: 4e6, sigma: 1.2, seed: 21))
        histogram.record(nanoseconds: 0)
        histogram.record(nanoseconds: .max)
        return histogram
    }()

    @Test func encodingRoundTripsExactly() throws {
        for histogram in [Self.sample, LatencyHistogram(), LatencySamples.histogram(of: [LatencySamples.hour])] {
            let bytes = histogram.encode()
            let decoded = try LatencyHistogram(decoding: bytes)
            #expect(decoded == histogram)
            #expect(decoded.encode() == bytes)
        }
        #expect(LatencyHistogram().encode() == Self.header + [0])
    }

    @Test func encodingIsSparse() {
        // About 400 filled buckets of 2,369: a few bytes each, against 18,952 for every count.
        #expect(Self.sample.encode().count < 2_000, "\(Self.sample.encode().count) bytes")
    }

    @Test func hostileHeadersAreRefused() {
        #expect(throws: LatencyHistogramError.truncated(offset: 0)) { try LatencyHistogram(decoding: []) }
        #expect(throws: LatencyHistogramError.badMagic) { try LatencyHistogram(decoding: [0x7B, 0x7D, 1, 6, 42, 0]) }
        #expect(throws: LatencyHistogramError.unsupportedVersion(2)) { try LatencyHistogram(decoding: [0x4C, 0x48, 2, 6, 42, 0]) }
        #expect(throws: LatencyHistogramError.layoutMismatch(subBucketBits: 7, valueBits: 42)) {
            try LatencyHistogram(decoding: [0x4C, 0x48, 1, 7, 42, 0])
        }
        #expect(throws: LatencyHistogramError.trailingBytes(offset: 6)) { try LatencyHistogram(decoding: Self.header + [0, 0]) }
    }

    @Test func hostileBucketsAreRefused() {
        let one: [UInt64] = [5, 5, 0, 5]
        let cases: [(String, [UInt8], LatencyHistogramError)] = [
            ("index beyond the layout", Self.bytes(buckets: [(gap: 2_370, count: 1)], totals: one), .bucketOutOfOrder(index: 2_369)),
            ("index repeated", Self.bytes(buckets: [(gap: 6, count: 1), (gap: 0, count: 1)], totals: one), .bucketOutOfOrder(index: 5)),
            ("huge gap", Self.bytes(buckets: [(gap: .max, count: 1)], totals: one), .bucketOutOfOrder(index: .max - 1)),
            ("zero count", Self.bytes(buckets: [(gap: 6, count: 0)], totals: one), .zeroCount(index: 5)),
            ("count beyond 2^63 - 1", Self.bytes(buckets: [(gap: 6, count: .max)], totals: one), .countTooLarge),
            ("counts adding beyond it", Self.bytes(buckets: [(gap: 6, count: 1 << 62), (gap: 1, count: 1 << 62)], totals: one), .countTooLarge),
            ("more buckets than the layout has", Self.header + Self.varint(.max), .bucketOutOfOrder(index: .max)),
            ("cut in the totals", Self.bytes(buckets: [(gap: 6, count: 1)], totals: [5, 5]), .truncated(offset: 10)),
            ("varint past 64 bits", Self.header + [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02], .malformedNumber(offset: 5)),
            ("varint not in shortest form", Self.header + [0x80, 0x00], .malformedNumber(offset: 5)),
        ]
        for (name, bytes, expected) in cases {
            #expect(throws: expected, "\(name)") { try LatencyHistogram(decoding: bytes) }
        }
    }

    @Test func totalsThatNoSampleCouldHaveAreRefused() {
        // Two values in bucket 5 (the value 5) and one in bucket 200.
        let buckets: [(gap: UInt64, count: UInt64)] = [(gap: 6, count: 2), (gap: 195, count: 1)]
        let (lower, upper) = (UInt64(288), UInt64(291))  // bucket 200: octave 2^8, width 4, the 9th sub-bucket
        let cases: [(String, [UInt64])] = [
            ("min not in the lowest bucket", [4, lower, 0, 10 + lower]),
            ("max not in the highest bucket", [5, upper + 1, 0, 10 + upper + 1]),
            ("min above max", [upper, 5, 0, 10 + upper]),
            ("sum below the least possible", [5, lower, 0, 10 + lower - 1]),
            ("sum above the most possible", [5, upper, 0, 10 + upper + 1]),
            ("sum overflowing 64 bits", [5, upper, 1, 0]),
        ]
        let valid = Self.bytes(buckets: buckets, totals: [5, lower, 0, 10 + lower])
        #expect((try? LatencyHistogram(decoding: valid))?.value(atQuantile: 1) == lower, "the hand-made valid form decodes")
        for (name, totals) in cases {
            #expect(throws: LatencyHistogramError.self, "\(name)") {
                try LatencyHistogram(decoding: Self.bytes(buckets: buckets, totals: totals))
            }
        }
        #expect(throws: LatencyHistogramError.self, "one value, min differs from max") {
            try LatencyHistogram(decoding: Self.bytes(buckets: [(gap: 201, count: 1)], totals: [lower, upper, 0, lower]))
        }
    }

    // A small fuzz run in the suite: every cut and many flips of a real encoding either throw
    // or decode to a histogram whose encoding is those very bytes (the form is canonical).
    @Test func cutOrFlippedBytesThrowOrDecodeCanonically() {
        var histogram = LatencySamples.histogram(of: LatencySamples.logNormal(300, median: 4e6, sigma: 1.2, seed: 22))
        histogram.record(nanoseconds: .max)
        let bytes = histogram.encode()
        var variants = (0..<bytes.count).map { Array(bytes[..<$0]) }
        for offset in bytes.indices {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var changed = bytes
                changed[offset] ^= flip
                variants.append(changed)
            }
        }
        for variant in variants {
            if let decoded = try? LatencyHistogram(decoding: variant) {
                #expect(decoded.encode() == variant)
            }
        }
    }
}
