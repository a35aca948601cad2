import Testing
import ModelFiles

/// What a container scan says beyond pass and fail: which member a finding is in and where inside
/// it, that each bound is a finding of its own and can be raised, and that content, not a name,
/// decides how a member is read.
@Suite struct ContainerScanTests {
    static func entry(_ file: String) throws -> CorpusEntry {
        try #require(CorpusEntry.all.first { $0.file == file })
    }

    @Test func aPickleFindingInAMemberNamesTheMemberAndItsOffsetInside() throws {
        let findings = try ModelFileScanner().scanFile(atPath: try Self.entry("torch-zip-other-member.pt").path)
        let finding = try #require(findings.first { $0.rule == "pickle.dangerous-global" })
        #expect(finding.member?.hasSuffix("constants.pkl") == true, "\(finding)")
        #expect(finding.callable == "posix.system")
        // Protocol 2: PROTO (2 bytes), then the GLOBAL opcode at offset 2 of the member.
        #expect(finding.offset == 2, "\(finding)")
    }

    @Test func nestedMembersAreNamedThroughEveryArchive() throws {
        let findings = try ModelFileScanner().scanFile(atPath: try Self.entry("zip-nested-evil.zip").path)
        let finding = try #require(findings.first { $0.rule == "pickle.dangerous-global" })
        #expect(finding.member == "outer/model.pt!inner.pt!archive/data.pkl")
    }

    @Test func theNestingBoundIsAFindingAndCanBeRaised() throws {
        let path = try Self.entry("zip-nested-too-deep.zip").path
        #expect(try ModelFileScanner().scanFile(atPath: path).map(\.rule) == ["container.limit-exceeded"])
        var limits = ContainerLimits()
        limits.maxNesting = 8
        #expect(try ModelFileScanner(limits: limits).scanFile(atPath: path).isEmpty)
    }

    @Test func theRatioBoundStopsABombAndCanBeRaised() throws {
        let path = try Self.entry("zip-bomb-ratio.zip").path
        #expect(try ModelFileScanner().scanFile(atPath: path).map(\.rule) == ["container.limit-exceeded"])
        var limits = ContainerLimits()
        limits.maxCompressionRatio = 2_000
        #expect(try ModelFileScanner(limits: limits).scanFile(atPath: path).isEmpty)
        limits.maxUncompressedBytes = 1 << 20
        let capped = try ModelFileScanner(limits: limits).scanFile(atPath: path)
        #expect(capped.map(\.rule) == ["container.limit-exceeded"])
        #expect(capped.first?.message.contains("max_uncompressed_bytes") == true, "\(capped)")
    }

    @Test func theMemberBoundIsAFinding() throws {
        var limits = ContainerLimits()
        limits.maxMembers = 2
        let findings = try ModelFileScanner(limits: limits).scanFile(atPath: try Self.entry("benign-torch-zip.pt").path)
        #expect(findings.map(\.rule) == ["container.limit-exceeded"])
        #expect(findings.first?.severity == .high)
    }

    @Test func theCentralDirectoryIsWhatIsScannedWhenTheLocalHeaderLies() throws {
        let findings = try ModelFileScanner().scanFile(atPath: try Self.entry("zip-local-sizes-differ.pt").path)
        #expect(findings.contains { $0.rule == "zip.header-mismatch" && $0.message.contains("sizes 2/2") })
        #expect(findings.contains { $0.rule == "pickle.dangerous-global" })
    }

    @Test func aStorageThatStartsLikeAPickleIsData() {
        // A float32 storage whose first byte is 0x80 (PROTO) but reads as no pickle and imports nothing.
        var storage: [UInt8] = [0x80, 0x3F, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00]
        storage += storage
        let zip = ZipBytes.stored([("archive/data/0", storage)])
        #expect(zip.withUnsafeBytes { ModelFileScanner().scan($0) }.isEmpty)
        // The same bytes as a file of their own are judged as a pickle, and fail.
        #expect(!storage.withUnsafeBytes { ModelFileScanner().scan($0) }.isEmpty)
    }

    @Test func kindIsToldByContent() {
        func kind(_ bytes: [UInt8]) -> ModelFileKind { bytes.withUnsafeBytes { ModelFileKind($0) } }
        #expect(kind(Array("GGUF".utf8) + [3, 0, 0, 0]) == .gguf)
        #expect(kind([0x93] + Array("NUMPY".utf8) + [1, 0]) == .npy)
        #expect(kind([2, 0, 0, 0, 0, 0, 0, 0] + Array("{}".utf8)) == .safetensors)
        #expect(kind([0x50, 0x4B, 0x05, 0x06]) == .zip)
        #expect(kind(Array("plain text\n".utf8)) == .other)
        #expect(kind(Array("GGUF files load in llama.cpp\n".utf8)) == .other)
    }
}

extension ContainerScanTests {
    @Test func overlappingEntriesAreAFindingAndReadOnce() {
        // Two directory entries over the same local entry: the overlapping-file zip bomb's shape.
        var zip = ZipBytes.stored([("a.txt", Array("hello".utf8))])
        let end = zip.count - 22
        let entry = Array(zip[(end - 51)..<end])   // the one central entry (46 bytes + 5-byte name)
        zip.insert(contentsOf: entry, at: end)
        let record = zip.count - 22
        zip[record + 8] = 2
        zip[record + 10] = 2
        zip[record + 12] = 102
        zip[record + 16] = UInt8(zip.count - 22 - 102)
        let findings = zip.withUnsafeBytes { ModelFileScanner().scan($0) }
        #expect(findings.contains { $0.rule == "zip.malformed" && $0.message.contains("overlapping") }, "\(findings)")
    }
}
