import Testing
import ModelFiles

/// joblib's inline arrays are read as joblib reads them: numeric data skipped by shape and dtype,
/// object arrays' nested pickles judged, and whatever cannot be followed a finding, never a pass.
@Suite struct JoblibArrayTests {
    typealias P = PickleBytes
    typealias J = JoblibBytes

    static func entry(_ file: String) throws -> CorpusEntry {
        try #require(CorpusEntry.all.first { $0.file == file })
    }

    @Test func numericDataIsSkippedByShapeAndItemSize() {
        let data = Array(repeating: UInt8(0x63), count: 2 * 3 * 4)   // 'c' (GLOBAL) if it were read as opcodes
        let report = P.scan(J.stream(shape: [2, 3], typestr: "f4", data: data))
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(report.end == J.stream(shape: [2, 3], typestr: "f4", data: data).count)
    }

    @Test func aWrongItemSizeLeavesTheStreamOutOfStepAndIsAFinding() {
        // 24 bytes declared as f8 (48 bytes needed): the scan refuses rather than guess.
        let report = P.scan(J.stream(shape: [2, 3], typestr: "f8", data: Array(repeating: 0, count: 24)))
        #expect(report.fails(at: .high))
        #expect(report.finding(.malformed)?.message.contains("6 elements of 8 bytes") == true, "\(report.findings)")
    }

    @Test func hugeDeclaredShapesAreRefusedWithoutAllocating() {
        for (shape, text) in [([1 << 40, 1 << 40], "overflows"), ([1 << 62], "elements of 8 bytes"), ([1 << 40], "elements of 8 bytes"),
                              ([-2, -3], "negative")] {
            let report = P.scan(J.stream(shape: shape, typestr: "f8", data: []))
            #expect(report.rules == ["pickle.malformed"], "\(shape): \(report.findings)")
            #expect(report.findings.first?.message.contains(text) == true, "\(shape): \(report.findings)")
        }
    }

    @Test func anObjectArrayIsANestedPickleJudgedByTheSamePolicy() {
        let nested = P.call("myteam.models", "Thing")
        let bytes = J.wrapper(shape: [1], dtype: J.dtype("O8", flags: 63)) + nested + P.stop
        #expect(P.scan(bytes).callables == ["myteam.models.Thing"])
        #expect(P.scan(bytes, PicklePolicy(allowGlobals: ["myteam.*"])).findings.isEmpty)
        let evil = J.wrapper(shape: [1], dtype: J.dtype("O8", flags: 63)) + P.call("os", "system") + P.stop
        #expect(P.scan(evil).callables == ["os.system"])
    }

    @Test func anyObjectFlagMakesTheDataANestedPickle() {
        // A structured-looking dtype with the REFCOUNT flag: numpy may read objects, so the scan reads a pickle.
        let bytes = J.wrapper(shape: [1], dtype: J.dtype("V8", elsize: 8, flags: 1)) + P.call("os", "system") + P.stop
        #expect(P.scan(bytes).callables == ["os.system"])
    }

    @Test func dtypesAndStatesTheScanCannotFollowFailClosed() {
        let cases: [([UInt8], String)] = [
            (J.wrapper(shape: [1], dtype: J.dtype("float64")) + [1, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0] + P.stop, "not one the scan knows"),
            (J.wrapper(shape: [1], dtype: J.dtype("f8", elsize: 4)) + [1, 0xFF] + Array(repeating: 0, count: 8) + P.stop, "item size 4"),
            (J.wrapper(shape: [1], dtype: J.dtype("f8") + P.emptyTuple + P.build) + [1, 0xFF] + Array(repeating: 0, count: 8) + P.stop,
             "built more than once"),
            (J.wrapper(shape: [1], dtype: P.shortUnicode("f8")) + Array(repeating: 0, count: 9) + P.stop, "not a numpy.dtype"),
        ]
        for (bytes, text) in cases {
            let report = P.scan(bytes)
            #expect(report.fails(at: .high))
            #expect(report.findings.contains { $0.message.contains(text) }, "\(text): \(report.findings)")
        }
        // No shape at all.
        let shapeless = P.proto(4) + P.stackGlobal("joblib.numpy_pickle", "NumpyArrayWrapper") + P.emptyTuple + [0x81]
            + P.emptyDict + P.build + P.stop
        #expect(P.scan(shapeless).findings.first?.message.contains("no shape") == true)
    }

    @Test func paddingPastTheEndIsAFinding() {
        let bytes = J.wrapper(shape: [0], dtype: J.dtype("f8")) + [200, 0xFF]
        #expect(P.scan(bytes).findings.first?.message.contains("padding runs past the end") == true)
    }

    @Test func withoutTheAlignmentAttributeTheDataFollowsAtOnce() {
        let bytes = J.wrapper(shape: [2], dtype: J.dtype("u1"), alignment: false) + [0xFF, 0xFE] + P.stop
        #expect(P.scan(bytes).findings.isEmpty)
    }

    @Test func dataThatAPlainLoaderRunsAsOpcodesIsJudged() {
        // joblib skips these 26 bytes; pickle.load reads them as GLOBAL os.system and calls it.
        let payload = P.global("os", "system") + P.shortString("id") + P.tuple1 + P.reduce + P.stop
        let bytes = J.wrapper(shape: [payload.count], dtype: J.dtype("u1"), alignment: false) + payload + P.stop
        #expect(P.scan(bytes).callables == ["os.system"])
    }

    @Test func cuttingAJoblibFileAnywhereNeverPasses() throws {
        for file in ["benign-joblib-object-array.joblib", "benign-joblib-dtypes.joblib"] {
            let bytes = try Self.entry(file).bytes()
            #expect(P.scan(bytes).findings.isEmpty)
            for length in 1..<bytes.count {
                let report = P.scan(Array(bytes[..<length]))
                #expect(report.fails(at: .high), "\(file) cut at \(length) passes: \(report.findings)")
                if !report.fails(at: .high) { break }
            }
        }
    }

    @Test func uncompressedJoblibFilesReadTheSameAsBarePickles() throws {
        for entry in CorpusEntry.all where entry.file.hasSuffix(".joblib") && entry.file.contains("benign") {
            let bytes = try entry.bytes()
            guard bytes.first == 0x80 else { continue }
            #expect(P.scan(bytes).findings.isEmpty, "\(entry.file)")
        }
    }

    @Test func aTrackingBudgetTooSmallForTheArraysFailsClosed() throws {
        let bytes = try Self.entry("benign-joblib-logistic-pipeline.joblib").bytes()
        let report = P.scan(bytes, PicklePolicy(limits: PickleLimits(maxTrackedValues: 4)))
        #expect(report.fails(at: .high), "\(report.findings)")
    }
}
