import Testing
import ModelFiles

/// Legacy torch.save files are read as torch.load reads them: five pickles, then each storage's
/// element count and bytes in the order of the keys, checked against the persistent ids.
@Suite struct TorchLegacyTests {
    typealias P = PickleBytes
    typealias J = JoblibBytes

    static let magic: [UInt8] = [0x8A, 10, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]

    /// A legacy file of one float storage: `count` elements declared in the persistent id, `stored` in the file.
    static func file(count: Int, stored: Int, bytes: Int) -> [UInt8] {
        let id = P.mark + P.shortUnicode("storage") + P.global("torch", "FloatStorage") + P.shortUnicode("0")
            + P.shortUnicode("cpu") + J.int(count) + P.none + [0x74]
        return P.proto(2) + magic + P.stop
            + P.proto(2) + [0x4D, 0xE9, 0x03] + P.stop
            + P.proto(2) + P.emptyDict + P.stop
            + P.proto(2) + id + [0x51] + P.stop
            + P.proto(2) + [0x5D] + P.shortUnicode("0") + [0x61] + P.stop
            + J.int(stored).suffix(8) + Array(repeating: 0, count: bytes)
    }

    static func scan(_ bytes: [UInt8]) -> [ModelFileFinding] { bytes.withUnsafeBytes { ModelFileScanner().scan($0) } }

    @Test func aConsistentFileHasNoFinding() {
        #expect(Self.scan(Self.file(count: 3, stored: 3, bytes: 12)).isEmpty)
    }

    @Test func storageSizesMustMatchThePersistentIds() {
        let wrong = Self.scan(Self.file(count: 3, stored: 4, bytes: 16))
        #expect(wrong.map(\.rule) == ["torch-legacy.malformed"])
        #expect(wrong.first?.message.contains("4 elements in the file but 3") == true, "\(wrong)")
        let short = Self.scan(Self.file(count: 3, stored: 3, bytes: 11))
        #expect(short.first?.message.contains("past the end of the file") == true, "\(short)")
    }

    @Test func hugeDeclaredStoragesAreRefusedWithoutAllocating() {
        for count in [1 << 62, Int.max] {
            let findings = Self.scan(Self.file(count: count, stored: count, bytes: 4))
            #expect(findings.map(\.rule) == ["torch-legacy.malformed"], "\(findings)")
        }
    }

    @Test func cuttingALegacyFileAnywhereNeverPasses() throws {
        let bytes = try #require(CorpusEntry.all.first { $0.file == "benign-torch-legacy-container.pt" }).bytes()
        #expect(Self.scan(bytes).isEmpty)
        for length in 1..<bytes.count {
            let findings = Self.scan(Array(bytes[..<length]))
            #expect(findings.contains { $0.severity >= .high }, "cut at \(length) passes: \(findings)")
            if findings.isEmpty { break }
        }
    }

    @Test func aPersistentIdOutsideTheObjectPickleIsAFinding() {
        var bytes = Self.file(count: 1, stored: 1, bytes: 4)
        // Put a persistent id into the third pickle (system facts), which torch loads without persistent_load.
        let third = P.proto(2) + P.emptyDict + P.stop
        let at = try! #require(bytes.indices.first { bytes[$0...].starts(with: third) && $0 > 10 })
        bytes.replaceSubrange(at..<at + third.count, with: P.proto(2) + P.shortUnicode("x") + [0x51] + P.stop)
        let findings = Self.scan(bytes)
        #expect(findings.contains { $0.rule == "torch-legacy.malformed" && $0.message.contains("pickle 3") }, "\(findings)")
    }

    @Test func onlyTheMagicNumberMakesALegacyFile() {
        // The same layout without the magic is a pickle stream: the storage bytes are trailing data.
        var bytes = Self.file(count: 1, stored: 1, bytes: 4)
        bytes[5] ^= 1
        let findings = Self.scan(bytes)
        #expect(!findings.contains { $0.rule.hasPrefix("torch-legacy") })
        #expect(findings.contains { $0.rule == "pickle.trailing-data" || $0.rule == "pickle.malformed" }, "\(findings)")
    }
}
