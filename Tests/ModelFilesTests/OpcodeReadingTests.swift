import Testing
import ModelFiles

/// The reader follows the C unpickler's argument encodings and refuses, with a located finding,
/// whatever that unpickler refuses.
@Suite struct OpcodeReadingTests {
    typealias P = PickleBytes

    @Test func locatesAFindingAtTheOffsetOfItsOpcode() throws {
        let bytes = P.proto(2) + P.none + P.pop + P.global("os", "system") + P.shortString("id") + P.tuple1 + P.reduce + P.stop
        let finding = try #require(P.scan(bytes).finding(.dangerousGlobal))
        #expect(finding.offset == 4)
        #expect(finding.callable == "os.system")
        #expect(finding.severity == .critical)
        #expect(finding.category == .codeExecution)
    }

    @Test func readsEveryArgumentEncodingThroughToStop() {
        var bytes = P.proto(5) + [0x95] + P.uint64(3) + P.none + P.pop + P.mark
        bytes += P.text("I01\n") + P.text("F1.5\n") + P.text("L12L\n") + [0x4A, 1, 2, 3, 4, 0x4B, 1, 0x4D, 1, 2]
        bytes += [0x47] + P.uint64(0) + [0x8A, 2, 1, 2, 0x8B, 1, 0, 0, 0, 9]
        bytes += P.text("S'a\\'b'\n") + [0x54, 2, 0, 0, 0] + P.text("ab") + P.shortString("c")
        bytes += P.text("Vx\\u0041\n") + [0x58, 1, 0, 0, 0, 0x41] + P.shortUnicode("é") + [0x8D] + P.uint64(1) + P.text("z")
        bytes += [0x42, 1, 0, 0, 0, 0xFF, 0x43, 1, 0xFF, 0x8E] + P.uint64(1) + [0xFF, 0x96] + P.uint64(1) + [0xFF]
        bytes += [0x88, 0x89, 0x97, 0x98, 0x5D, 0x29, 0x7D, 0x8F] + P.text("l")
        bytes += P.text("p1_0\n") + P.text("g 10 \n") + [0x71, 1, 0x68, 1, 0x72, 2, 0, 0, 0, 0x6A, 2, 0, 0, 0, 0x94]
        bytes += P.stop
        let report = P.scan(bytes)
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(report.pickles == 1)
        #expect(report.end == bytes.count)
    }

    @Test(arguments: [
        (P.proto(4) + [0x8E] + P.uint64(1 << 60) + P.text("abc") + P.stop, 2, "declares 1152921504606846976 bytes"),
        (P.proto(4) + [0x95] + P.uint64(100) + P.none + P.stop, 2, "declares 100 bytes"),
        (P.proto(1) + [0x54, 0xFF, 0xFF, 0xFF, 0xFF] + P.stop, 2, "negative length"),
        (P.proto(2) + [0xFE] + P.stop, 2, "unknown opcode 0xFE"),
        (P.proto(2) + P.reduce + P.stop, 2, "stack underflow"),
        (P.proto(2) + P.none + P.mark + P.tuple1 + P.stop, 4, "stack underflow"),
        (P.proto(2) + P.binGet(3) + P.stop, 2, "memo key 3 was never stored"),
        (P.proto(2) + P.none + P.text("p-1\n") + P.stop, 3, "negative memo key"),
        (P.proto(2) + P.text("cos\nsystem"), 2, "newline"),
        ([0x80, 0x06, 0x4E, 0x2E], 0, "unsupported pickle protocol 6"),
        (P.proto(2) + P.mark + P.none + P.text("d") + P.stop, 4, "odd number of items for DICT"),
        (P.proto(2) + P.text("S'abc\n") + P.stop, 2, "must be quoted"),
        (P.proto(2) + [0x82, 0] + P.stop, 2, "extension code 0"),
        (P.proto(2) + P.mark + [0x6F] + P.stop, 3, "OBJ needs a class"),
        (P.proto(2) + P.text("1") + P.stop, 2, "no MARK"),
        (P.proto(2) + P.none, 3, "ends before the pickle's STOP"),
        (P.proto(2) + [0x4A, 1, 2], 2, "ends inside the opcode's 4-byte argument"),
        (P.proto(4) + [0x8C, 2, 0xC3, 0x28] + P.stop, 2, "not UTF-8"),
        (P.proto(4) + [0x8C, 3, 0xED, 0xA0, 0x80] + P.pop + [0x8C, 4, 0xF4, 0x90, 0x80, 0x80] + P.stop, 8, "not UTF-8"),
        (P.proto(2) + P.text("V\\u12\n") + P.stop, 2, "broken escape"),
        (P.proto(2) + P.text("S'\\x4'\n") + P.stop, 2, "broken escape"),
        (P.proto(4) + [0x95] + P.uint64(3) + P.text("cos\nsystem\n") + P.stop, 11, "past the end of its FRAME at byte 14"),
        (P.proto(4) + [0x95] + P.uint64(2) + [0x43, 3, 1, 2, 3] + P.stop, 11, "past the end of its FRAME"),
        (P.proto(4) + [0x95] + P.uint64(9) + [0x95] + P.uint64(0) + P.none + P.stop, 11, "begins before the current frame ends"),
        (P.proto(4) + [0x95] + P.uint64(4) + P.none + P.stop + P.none + P.stop, 12, "leaves 2 bytes of its FRAME unread"),
    ] as [([UInt8], Int, String)])
    func refusesWhatTheLoaderRefusesWithItsOffset(_ bytes: [UInt8], _ offset: Int, _ problem: String) throws {
        let report = P.scan(bytes)
        let finding = try #require(report.finding(.malformed), "\(report.findings)")
        #expect(finding.offset == offset)
        #expect(finding.message.contains(problem), "\(finding.message)")
        #expect(finding.severity == .high)
        #expect(report.fails(at: .high))
    }

    @Test func popRightAfterAMarkRemovesTheMarkAsTheLoaderDoes() {
        // None, MARK, None, POP (the None), POP (the mark), STOP: a valid pickle of None.
        let bytes = P.proto(2) + P.none + P.mark + P.none + P.pop + P.pop + P.stop
        #expect(P.scan(bytes).findings.isEmpty)
        let callAfter = P.proto(2) + P.global("os", "system") + P.mark + P.pop + P.shortString("id") + P.tuple1 + P.reduce + P.stop
        let report = P.scan(callAfter)
        #expect(report.rules == ["pickle.dangerous-global"])
        #expect(report.globals.first?.calls == 1)
    }

    @Test func memoizeUsesTheCountOfDistinctKeysWhateverPutsCameBefore() {
        // BINPUT 5 and BINPUT 0 make two entries, so MEMOIZE stores at 2, not 0 or 6.
        let bytes = P.proto(4) + P.shortUnicode("builtins") + P.binPut(5) + P.binPut(0) + P.pop
            + P.shortUnicode("os") + P.memoize + P.pop + P.shortUnicode("system") + P.binPut(9) + P.pop
            + P.binGet(2) + P.binGet(9) + [0x93] + P.stop
        #expect(P.scan(bytes).callables == ["os.system"])
    }

    @Test func readsPicklesOneAfterAnotherAndEachStartsWithAnEmptyMemo() {
        let first = P.proto(2) + P.shortString("os") + P.binPut(0) + P.stop
        let second = P.proto(2) + P.binGet(0) + P.stop
        let report = P.scan(first + first + second)
        #expect(report.pickles == 2)
        let finding = report.finding(.malformed)
        #expect(finding?.offset == first.count * 2 + 2)
        #expect(finding?.message.contains("pickle 3") == true)
    }

    @Test func bytesAfterStopThatDoNotStartAPickleAreTrailingDataOfMediumSeverity() throws {
        let bytes = P.proto(2) + P.none + P.stop + [0x0A, 0x00, 0x01]
        let report = P.scan(bytes)
        let finding = try #require(report.finding(.trailingData))
        #expect(finding.offset == 4)
        #expect(finding.severity == .medium)
        #expect(!report.fails(at: .high))
        #expect(report.fails(at: .medium))
        #expect(report.end == 4)
    }

    @Test func stopsAfterTheRequestedNumberOfPicklesAndSaysWhereTheRestStarts() {
        let bytes = P.proto(2) + P.none + P.stop + P.proto(2) + P.none + P.stop + [0xDE, 0xAD]
        let report = PickleScanner().scan(bytes.withUnsafeBytes { Array($0) }) // whole stream: trailing data
        #expect(report.rules == ["pickle.trailing-data"])
        let two = bytes.withUnsafeBytes { PickleScanner().scan($0, baseOffset: 100, pickleCount: 2) }
        #expect(two.findings.isEmpty)
        #expect(two.end == 100 + 8)
    }

    @Test func anEmptyInputIsMalformed() {
        #expect(P.scan([]).rules == ["pickle.malformed"])
    }
}
