import Testing
import ModelFiles

/// The stack and memo simulation knows which callable each call reaches, through memo aliases,
/// and reports the shapes pickle.dump never writes.
@Suite struct SimulationTests {
    typealias P = PickleBytes

    @Test func countsACallThroughAMemoAliasAgainstTheImportedGlobal() throws {
        let bytes = P.proto(2) + P.global("collections", "OrderedDict") + P.binPut(0) + P.pop
            + P.binGet(0) + P.emptyTuple + P.reduce + P.pop + P.binGet(0) + P.emptyTuple + P.reduce
            + P.emptyDict + P.build + P.stop
        let report = P.scan(bytes)
        #expect(report.findings.isEmpty)
        let use = try #require(report.globals.first)
        #expect(report.globals.count == 1)
        #expect(use.name.description == "collections.OrderedDict")
        #expect((use.imports, use.calls, use.builds) == (1, 2, 1))
    }

    @Test func resolvesStackGlobalNamesFetchedFromTheMemo() {
        let bytes = P.proto(4) + P.shortUnicode("shutil") + P.memoize + P.pop + P.shortUnicode("rmtree") + P.memoize
            + P.pop + P.binGet(0) + P.binGet(1) + [0x93] + P.stop
        let report = P.scan(bytes)
        #expect(report.callables == ["shutil.rmtree"])
        #expect(report.findings.first?.category == .fileAccess)
        #expect(report.findings.first?.severity == .high)
    }

    @Test func aStackGlobalOfComputedOperandsIsADynamicImport() throws {
        let bytes = P.proto(4) + P.stackGlobal("builtins", "str") + P.shortUnicode("os") + P.tuple1 + P.reduce
            + P.shortUnicode("system") + [0x93] + P.stop
        let finding = try #require(P.scan(bytes).finding(.dynamicImport))
        #expect(finding.severity == .critical)
        #expect(finding.offset == 32)
        #expect(finding.message.contains("the result of calling `builtins.str`"))
    }

    @Test func callingAnythingButAnImportedGlobalIsAnIndirectCall() {
        let callResult = P.proto(2) + P.global("builtins", "set") + P.emptyTuple + P.reduce + P.emptyTuple + P.reduce + P.stop
        #expect(P.scan(callResult).rules == ["pickle.indirect-call"])
        let persistent = P.proto(2) + P.shortString("key") + [0x51] + P.emptyTuple + [0x81] + P.stop
        #expect(P.scan(persistent).rules == ["pickle.indirect-call"])
        let notCallable = P.proto(2) + P.none + P.emptyTuple + P.reduce + P.stop
        #expect(P.scan(notCallable).findings.isEmpty)
    }

    @Test func buildOrSetItemOnAnImportedGlobalIsAMutation() {
        let build = P.proto(2) + P.global("collections", "OrderedDict") + P.emptyDict + P.build + P.stop
        #expect(P.scan(build).rules == ["pickle.global-mutation"])
        let setItem = P.proto(2) + P.global("collections", "OrderedDict") + P.none + P.none + [0x73] + P.stop
        #expect(P.scan(setItem).rules == ["pickle.global-mutation"])
        let append = P.proto(2) + P.global("builtins", "list") + P.mark + P.none + [0x65] + P.stop
        #expect(P.scan(append).rules == ["pickle.global-mutation"])
    }

    @Test func instAndObjImportAndCall() throws {
        let inst = P.mark + P.text("S'x'\nibuiltins\nset\n.")
        let report = P.scan(inst)
        #expect(report.findings.isEmpty)
        let use = try #require(report.globals.first)
        #expect((use.imports, use.calls) == (1, 1))
        let obj = P.mark + P.global("pty", "spawn") + P.text("S'id'\no.")
        #expect(P.scan(obj).callables == ["pty.spawn"])
    }

    @Test func everyExtensionCodeIsAFindingBecauseTheRegistryBelongsToTheLoader() throws {
        for code: [UInt8] in [[0x82, 7], [0x83, 1, 2], [0x84, 1, 0, 0, 0]] {
            let report = P.scan(P.proto(2) + code + P.stop)
            #expect(report.rules == ["pickle.extension-code"])
            #expect(report.findings.first?.offset == 2)
        }
    }

    @Test func stringOperandsAreDecodedAsTheLoaderDecodesThem() {
        let escaped = P.proto(4) + P.text("S'\\x6fs'\nS\"sys\\164em\"\n") + [0x93] + P.stop
        #expect(P.scan(escaped).callables == ["os.system"])
        let raw = P.proto(4) + P.text("V\\u006fs\nV\\U00000073ystem\n") + [0x93] + P.stop
        #expect(P.scan(raw).callables == ["os.system"])
        // An even run of backslashes is not an escape: the module is literally `\\u006fs`.
        let notEscape = P.proto(4) + P.text("V\\\\u006fs\nVx\n") + [0x93] + P.stop
        #expect(P.scan(notEscape).callables == ["\\\\u006fs.x"])
        // Python accepts a lone surrogate escape into a str; it is no name any table holds.
        let surrogate = P.proto(2) + P.text("V\\ud800\n") + P.pop + P.none + P.stop
        #expect(P.scan(surrogate).findings.isEmpty)
        let badHex = P.proto(4) + P.text("S'\\xZZ'\nS'x'\n") + [0x93] + P.stop
        #expect(P.scan(badHex).rules == ["pickle.malformed"])
        let badUTF8 = P.proto(4) + [0x8C, 2, 0xC3, 0x28] + P.shortUnicode("x") + [0x93] + P.stop
        #expect(P.scan(badUTF8).rules == ["pickle.malformed"])
    }
}
