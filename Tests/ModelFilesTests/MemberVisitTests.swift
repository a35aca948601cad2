import Testing
import ModelFiles

/// The member visitor (the security gate's way into zip members): it sees every member the scan
/// reads, nested ones named through their archives, after each is judged, and nothing the scan
/// refused to inflate.
@Suite struct MemberVisitTests {
    @Test func everyMemberReadIsVisitedNestedOnesByTheirFullName() {
        let inner = ZipBytes.stored([("b.txt", Array("bee".utf8))])
        let outer = ZipBytes.stored([("a.txt", Array("ay".utf8)), ("inner.zip", inner)])
        var visited: [(String, [UInt8])] = []
        let findings = outer.withUnsafeBytes { bytes in
            ModelFileScanner().scan(bytes) { visited.append(($0.name, Array($0.bytes))) }
        }
        #expect(findings.isEmpty)
        // A nested member comes before its archive: the archive's visit is after its members were judged.
        #expect(visited.map(\.0) == ["a.txt", "inner.zip!b.txt", "inner.zip"])
        #expect(visited.map(\.1) == [Array("ay".utf8), Array("bee".utf8), inner])
    }

    @Test func aStoredMembersBytesAreTheArchivesOwn() {
        let archive = ZipBytes.stored([("config.json", Array("{}".utf8))])
        archive.withUnsafeBytes { bytes in
            var inside = false
            _ = ModelFileScanner().scan(bytes) { member in
                let start = member.bytes.baseAddress!
                inside = start >= bytes.baseAddress! && start + member.bytes.count <= bytes.baseAddress! + bytes.count
            }
            #expect(inside)
        }
    }

    @Test func aMemberPastABoundIsNotVisited() throws {
        let bomb = try #require(CorpusEntry.all.first { $0.file == "zip-bomb-ratio.zip" }).bytes()
        var visited: [String] = []
        let findings = bomb.withUnsafeBytes { bytes in ModelFileScanner().scan(bytes) { visited.append($0.name) } }
        #expect(findings.map(\.rule) == ["container.limit-exceeded"])
        #expect(visited.isEmpty)
        var limits = ContainerLimits()
        limits.maxCompressionRatio = 2_000
        _ = bomb.withUnsafeBytes { bytes in ModelFileScanner(limits: limits).scan(bytes) { visited.append($0.name) } }
        #expect(visited.count == 1)
    }
}
