import Testing
import ModelFiles

/// How globals are judged: the allowlist, the denylist's ranking, compatibility renames,
/// `allow_globals`, and the families trusted by module.
@Suite struct PolicyTests {
    typealias P = PickleBytes

    @Test func renamesPythonTwoNamesOnlyForProtocolsBelowThree() {
        let old = P.proto(2) + P.global("__builtin__", "set") + P.emptyTuple + P.reduce + P.stop
        #expect(P.scan(old).findings.isEmpty)
        #expect(P.scan(old).globals.map(\.name.description) == ["builtins.set"])
        // From protocol 3 on the loader imports `__builtin__` as written: not allowed (a dunder module).
        let new = P.proto(4) + P.stackGlobal("__builtin__", "set") + P.emptyTuple + P.reduce + P.stop
        #expect(P.scan(new).globals.map(\.name.description) == ["__builtin__.set"])
        #expect(P.scan(new).fails(at: .high))
        // …but a denylisted meaning still ranks it.
        let eval = P.proto(4) + P.stackGlobal("__builtin__", "eval") + P.stop
        #expect(P.scan(eval).findings.map(\.severity) == [.critical])
    }

    @Test func renamesWholeNamesBeforeModules() {
        let reduce = P.proto(2) + P.global("__builtin__", "reduce") + P.stop
        #expect(P.scan(reduce).callables == ["functools.reduce"])
        let urlopen = P.global("urllib", "urlopen") + P.stop
        #expect(P.scan(urlopen).callables == ["urllib.request.urlopen"])
        #expect(P.scan(urlopen).findings.first?.category == .network)
    }

    @Test func allowGlobalsAdmitsATeamsOwnClassesExactlyOrByModule() {
        let bytes = P.call("myteam.models", "Net")
        #expect(P.scan(bytes).rules == ["pickle.unlisted-global"])
        #expect(P.scan(bytes, PicklePolicy(allowGlobals: ["myteam.models.Net"])).findings.isEmpty)
        #expect(P.scan(bytes, PicklePolicy(allowGlobals: ["myteam.*"])).findings.isEmpty)
        #expect(!P.scan(bytes, PicklePolicy(allowGlobals: ["myteam.models.Other"])).findings.isEmpty)
        #expect(!P.scan(bytes, PicklePolicy(allowGlobals: ["myteam.model.*"])).findings.isEmpty)
    }

    @Test func allowGlobalsNeverAdmitsADenylistedOrDunderName() {
        let policy = PicklePolicy(allowGlobals: ["os.*", "numpy.*"])
        #expect(P.scan(P.call("os", "system"), policy).rules == ["pickle.dangerous-global"])
        #expect(P.scan(P.call("numpy", "__builtins__"), policy).rules == ["pickle.dangerous-global"])
        #expect(P.scan(P.call("numpy", "sum"), policy).findings.isEmpty)
    }

    @Test(arguments: ["myteam", "myteam.", ".Net", "a..b", "my*.Net", "myteam.N*", "*"])
    func refusesAllowEntriesThatAreNotModuleDotName(_ entry: String) {
        #expect(PicklePolicy.problem(withAllowEntry: entry) != nil)
    }

    @Test(arguments: ["myteam.Net", "myteam.models.*", "a.b.C"])
    func acceptsAllowEntriesOfModuleDotNameOrModuleStar(_ entry: String) {
        #expect(PicklePolicy.problem(withAllowEntry: entry) == nil)
    }

    @Test func trustsScikitLearnClassesButNotItsFunctionsChainsOrExcludedModules() {
        #expect(P.scan(P.call("sklearn.ensemble._forest", "RandomForestClassifier")).findings.isEmpty)
        #expect(P.scan(P.call("sklearn.ensemble._hist_gradient_boosting.binning", "_BinMapper")).findings.isEmpty)
        #expect(!P.scan(P.call("sklearn.utils._testing", "assert_run_python_script_without_output")).findings.isEmpty)
        #expect(!P.scan(P.call("sklearn.utils._testing", "TempMemmap")).findings.isEmpty)
        #expect(!P.scan(P.call("sklearn.datasets", "Fetcher")).findings.isEmpty)
        #expect(!P.scan(P.call("sklearn.callback._transport", "Client")).findings.isEmpty)
        #expect(!P.scan(P.call("sklearn.base", "BaseEstimator.os")).findings.isEmpty)
        #expect(!P.scan(P.call("sklearnx", "Model")).findings.isEmpty)
        #expect(P.scan(P.call("xgboost.sklearn", "XGBClassifier")).findings.isEmpty)
        #expect(!P.scan(P.call("xgboost.core", "DMatrix")).findings.isEmpty)
        #expect(P.scan(P.call("lightgbm.basic", "Booster")).findings.isEmpty)
        #expect(!P.scan(P.call("lightgbm.basic", "Dataset")).findings.isEmpty)
    }

    @Test func theDenylistModeReportsUnlistedGlobalsAsLowAndStillFailsDangerousOnes() {
        let policy = PicklePolicy(mode: .denylist)
        let unlisted = P.scan(P.call("myteam.models", "Net"), policy)
        #expect(unlisted.findings.map(\.severity) == [.low])
        #expect(!unlisted.fails(at: .high))
        #expect(P.scan(P.call("subprocess", "run"), policy).fails(at: .critical))
    }

    @Test(arguments: [
        ("posix", "system", DangerCategory.codeExecution), ("nt", "spawnv", .codeExecution),
        ("builtins", "getattr", .introspection), ("builtins", "open", .fileAccess), ("os", "remove", .fileAccess),
        ("os.path", "exists", .fileAccess), ("socket", "socket", .network), ("marshal", "loads", .nestedDeserialisation),
        ("importlib.util", "find_spec", .importMachinery), ("pkgutil", "resolve_name", .importMachinery),
        ("copyreg", "add_extension", .importMachinery), ("numpy", "load", .nestedDeserialisation),
    ] as [(String, String, DangerCategory)])
    func ranksDenylistedCallablesByCategory(_ module: String, _ name: String, _ category: DangerCategory) {
        let finding = P.scan(P.call(module, name)).finding(.dangerousGlobal)
        #expect(finding?.category == category)
        #expect(finding?.severity == category.severity)
    }

    @Test func severitiesAreOrderedFromLowToCritical() {
        #expect(FindingSeverity.allCases.sorted() == [.low, .medium, .high, .critical])
        #expect(FindingSeverity.critical > .high)
    }

    @Test func everyRuleExplainsItselfAndSaysWhatToDo() {
        for rule in PickleRule.allCases {
            #expect(rule.rawValue.hasPrefix("pickle."))
            #expect(rule.rationale.count > 40)
            #expect(rule.fixHint.count > 20)
        }
    }
}
