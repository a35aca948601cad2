import Testing
import ModelFiles

/// joblib's compressed files are inflated and their checks verified; what cannot be read, or
/// reads differently for joblib, is a finding.
@Suite struct CompressedStreamTests {
    typealias P = PickleBytes

    /// DEFLATE of one stored block.
    static func stored(_ data: [UInt8]) -> [UInt8] {
        [1, UInt8(data.count & 0xFF), UInt8(data.count >> 8), ~UInt8(data.count & 0xFF), ~UInt8(data.count >> 8)] + data
    }

    static func adler(_ data: [UInt8]) -> [UInt8] {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        let value = b << 16 | a
        return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) }
    }

    static func zlib(_ data: [UInt8]) -> [UInt8] { [0x78, 0x01] + stored(data) + adler(data) }

    static func crc(_ data: [UInt8]) -> [UInt8] {
        var value: UInt32 = 0xFFFF_FFFF
        for byte in data {
            value ^= UInt32(byte)
            for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        }
        value ^= 0xFFFF_FFFF
        return [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) }
    }

    static func gzip(_ data: [UInt8], flags: UInt8 = 0, header: [UInt8] = []) -> [UInt8] {
        [0x1F, 0x8B, 8, flags, 0, 0, 0, 0, 0, 3] + header + stored(data) + crc(data) + [UInt8(data.count), 0, 0, 0]
    }

    static func scan(_ bytes: [UInt8], _ limits: ContainerLimits = ContainerLimits()) -> [ModelFileFinding] {
        bytes.withUnsafeBytes { ModelFileScanner(limits: limits).scan($0) }
    }

    @Test func theContentOfZlibAndGzipIsJudged() {
        let evil = P.call("os", "system")
        for bytes in [Self.zlib(evil), Self.gzip(evil), Self.gzip(evil, flags: 8 | 4, header: [2, 0, 9, 9] + Array("m.pkl".utf8) + [0])] {
            let findings = Self.scan(bytes)
            #expect(findings.map(\.callable) == ["os.system"], "\(findings)")
            #expect(findings.first?.member?.hasSuffix("content)") == true)
        }
        #expect(Self.scan(Self.zlib(P.proto(4) + P.none + P.stop)).isEmpty)
        #expect(Self.scan(Self.gzip(P.proto(4) + P.none + P.stop)).isEmpty)
    }

    @Test func checksLengthsAndTrailingBytesAreFindings() {
        let good = P.proto(4) + P.none + P.stop
        var badAdler = Self.zlib(good)
        badAdler[badAdler.count - 1] ^= 1
        var badCRC = Self.gzip(good)
        badCRC[badCRC.count - 8] ^= 1
        var badLength = Self.gzip(good)
        badLength[badLength.count - 4] ^= 1
        let cases: [([UInt8], String)] = [
            (badAdler, "Adler-32"), (badCRC, "CRC-32"), (badLength, "length check"),
            (Self.zlib(good) + [0], "follow the zlib stream"), (Self.gzip(good) + Self.gzip(good), "follow the gzip member"),
            (Array(Self.zlib(good).dropLast(4)), "without its Adler-32"), (Array("ZF0x5".utf8) + Array(repeating: 0x20, count: 16) + [0x78, 0x02], "not a zlib header"),
            (Array("ZF0x9".utf8) + Array(repeating: 0x20, count: 16) + Self.zlib(good), "declares 9 bytes"),
            ([0x1F, 0x8B, 8, 0xE0, 0, 0, 0, 0, 0, 3] + Self.stored(good), "reserved flags"),
            // Found by ModelContainerFuzz: a header CRC flag on a header that ends there.
            ([0x1F, 0x8B, 8, 2, 0, 0, 0, 0, 0, 3, 0], "CRC is cut off"),
            // A stored block of the pickle, then a block of the reserved type 3.
            ([0x78, 0x01] + [0] + Array(Self.stored(good).dropFirst()) + [0x07], "corrupt"),
        ]
        for (bytes, text) in cases {
            let findings = Self.scan(bytes)
            #expect(findings.contains { $0.severity >= .high && $0.message.contains(text) }, "\(text): \(findings)")
        }
    }

    @Test func bz2XzLzmaAndLz4CannotBeJudged() {
        for (magic, name) in [(Array("BZh91AY&SY".utf8), "bz2"), ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz"),
                              ([0x5D, 0x00, 0x00, 0x80, 0x00] + Array(repeating: 0xFF, count: 8), "lzma"), ([0x04, 0x22, 0x4D, 0x18], "lz4")] {
            let findings = Self.scan(magic + Array(repeating: 0, count: 12))
            #expect(findings.map(\.rule) == ["compressed.unreadable"])
            #expect(findings.first?.message.contains(name) == true)
        }
    }

    @Test func inflatingIsBoundedByTheContainerLimits() throws {
        let bytes = try #require(CorpusEntry.all.first { $0.file == "benign-joblib-zlib.joblib" }).bytes()
        #expect(Self.scan(bytes).isEmpty)
        var limits = ContainerLimits()
        limits.maxUncompressedBytes = 100
        #expect(Self.scan(bytes, limits).map(\.rule) == ["container.limit-exceeded"])
        limits = ContainerLimits()
        limits.maxCompressionRatio = 1
        #expect(Self.scan(bytes, limits).map(\.rule) == ["container.limit-exceeded"])
    }

    @Test func streamsInsideStreamsStopAtTheNestingBound() {
        var bytes = P.proto(4) + P.none + P.stop
        for _ in 0..<6 { bytes = Self.zlib(bytes) }
        #expect(Self.scan(bytes).map(\.rule) == ["container.limit-exceeded"])
        var limits = ContainerLimits()
        limits.maxNesting = 8
        #expect(Self.scan(bytes, limits).isEmpty)
    }

    @Test func dataThatMerelyStartsLikeAStreamIsJudgedByWhatComesOut() {
        // A float storage whose first bytes are 78 9C, an int32 storage starting with 93 (5D 00 00 00):
        // nothing joblib could unpickle comes out, so there is nothing to report.
        let floats: [UInt8] = [0x78, 0x9C] + Array(repeating: 0xFF, count: 30)
        #expect(Self.scan(floats).isEmpty)
        #expect(Self.scan([0x5D, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]).isEmpty)
        // Inside a zip too.
        #expect(ZipBytes.stored([("archive/data/0", floats)]).withUnsafeBytes { ModelFileScanner().scan($0) }.isEmpty)
    }

    @Test func textIsNotTakenForACompressedStream() {
        func kind(_ text: String) -> ModelFileKind { Array(text.utf8).withUnsafeBytes { ModelFileKind($0) } }
        #expect(kind("xgboost: 2.0\n") == .other)
        #expect(kind("BZ is not bzip2\n") == .other)
        #expect(kind("ZF header\n") == .other)
    }
}

extension CompressedStreamTests {
    @Test func cuttingACompressedJoblibNeverPassesOnceItsPickleHasStarted() throws {
        for file in ["benign-joblib-zlib.joblib", "benign-joblib-gzip.joblib"] {
            let bytes = try #require(CorpusEntry.all.first { $0.file == file }).bytes()
            #expect(Self.scan(bytes).isEmpty)
            var passing: [Int] = []
            for length in 2..<bytes.count where Self.scan(Array(bytes[..<length])).allSatisfy({ $0.severity < .high }) {
                passing.append(length)
            }
            // Only cuts inside the header and the first block's code tables pass: nothing has come out
            // of the stream yet, so joblib.load has nothing to unpickle either. Past them, every cut fails.
            let header = file.hasSuffix("gzip.joblib") ? [2] : []
            let tables = Array(passing.drop { header.contains($0) })
            #expect(tables == Array((tables.first ?? 0)..<((tables.first ?? 0) + tables.count)), "\(file): \(passing)")
            #expect((passing.max() ?? 0) < 400, "\(file): cuts that pass: \(passing)")
        }
    }
}
