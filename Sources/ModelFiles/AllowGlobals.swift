/// `allow_globals` entries, split once into exact names and module prefixes.
struct AllowGlobals: Sendable {
    private var exact: Set<String> = []
    private var modules: [String] = []

    init(_ entries: [String]) {
        for entry in entries where PicklePolicy.problem(withAllowEntry: entry) == nil {
            if entry.hasSuffix(".*") { modules.append(String(entry.dropLast(2))) } else { exact.insert(entry) }
        }
    }

    func contains(_ global: PickleGlobalName) -> Bool {
        exact.contains(global.description) || modules.contains { global.isInModule($0) }
    }
}
