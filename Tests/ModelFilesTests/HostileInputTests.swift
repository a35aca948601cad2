import Testing
import ModelFiles

/// Hostile streams end in a finding within the configured limits: never a crash, an allocation of
/// a declared size, or a pass.
@Suite struct HostileInputTests {
    typealias P = PickleBytes

    @Test func aStackDeeperThanTheLimitStopsTheScanWithAFinding() throws {
        let bytes = P.proto(2) + Array(repeating: 0x28, count: 5_000) + P.stop
        let report = P.scan(bytes, PicklePolicy(limits: PickleLimits(maxStackDepth: 1_000)))
        let finding = try #require(report.finding(.limitExceeded))
        #expect(finding.offset == 2 + 1_000)
        #expect(report.fails(at: .high))
    }

    @Test func aMemoLargerThanTheLimitStopsTheScanWithAFinding() {
        var bytes = P.proto(2) + P.none
        for key in 0..<10 { bytes += P.binPut(UInt8(key)) }
        let report = P.scan(bytes + P.stop, PicklePolicy(limits: PickleLimits(maxMemoEntries: 4)))
        #expect(report.rules == ["pickle.limit-exceeded"])
        #expect(report.findings.first?.offset == 3 + 4 * 2)
    }

    @Test func farApartMemoKeysCostOneEntryEach() {
        let key: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
        let bytes = P.proto(2) + P.shortString("os") + [0x72] + key + P.pop + P.shortString("system") + [0x72, 0, 0, 0, 0x40]
            + P.pop + [0x6A] + key + [0x6A, 0, 0, 0, 0x40, 0x93] + P.stop
        #expect(P.scan(bytes).callables == ["os.system"])
    }

    @Test func repeatedFindingsFoldIntoOneWithACountAndDistinctOnesStopAtTheCap() throws {
        var same = P.proto(2)
        for _ in 0..<1_000 { same += P.global("os", "system") + P.pop }
        let folded = P.scan(same + P.none + P.stop)
        #expect(folded.findings.count == 1)
        #expect(folded.findings.first?.occurrences == 1_000)
        #expect(folded.findings.first?.offset == 2)

        var distinct = P.proto(2)
        for index in 0..<50 { distinct += P.global("m\(index)", "f") + P.pop }
        let capped = P.scan(distinct + P.none + P.stop, PicklePolicy(limits: PickleLimits(maxFindings: 10)))
        #expect(capped.findings.filter { $0.rule == .unlistedGlobal }.count == 10)
        let dropped = try #require(capped.finding(.limitExceeded))
        #expect(dropped.message.contains("40 more findings"))
    }

    @Test func moreConcatenatedPicklesThanTheLimitIsAFinding() {
        let one = P.proto(2) + P.none + P.stop
        let report = P.scan(Array([[UInt8]](repeating: one, count: 5).joined()), PicklePolicy(limits: PickleLimits(maxPickles: 3)))
        #expect(report.pickles == 3)
        #expect(report.rules == ["pickle.limit-exceeded"])
    }

    @Test func anOverlongNameIsJudgedByItsFirstBytesAndNeverAllowed() throws {
        let long = String(repeating: "a", count: 5_000)
        let report = P.scan(P.proto(2) + P.global("collections", "OrderedDict" + long) + P.stop)
        let finding = try #require(report.finding(.unlistedGlobal))
        #expect(finding.callable?.hasSuffix("…(5011 bytes)") == true)
        #expect(finding.callable!.utf8.count < 1_200)
    }

    @Test func declaredLengthsAreNeverAllocated() {
        // Each opcode declares far more than any machine holds; the scan refuses it at once.
        for opcode: UInt8 in [0x8D, 0x8E, 0x96, 0x95] {
            let report = P.scan(P.proto(5) + [opcode] + P.uint64(.max) + P.stop)
            #expect(report.rules == ["pickle.malformed"])
        }
        for opcode: UInt8 in [0x42, 0x58, 0x54, 0x8B] {
            let report = P.scan(P.proto(5) + [opcode, 0xFF, 0xFF, 0xFF, 0x7F] + P.stop)
            #expect(report.rules == ["pickle.malformed"])
        }
    }

    @Test func deepNestingIsReadWithoutRecursion() {
        let depth = 50_000
        let bytes = P.proto(2) + Array([[UInt8]](repeating: [0x5D, 0x28], count: depth).joined())
            + Array(repeating: 0x65, count: depth) + P.stop
        let report = P.scan(bytes)
        #expect(report.findings.isEmpty)
    }
}
