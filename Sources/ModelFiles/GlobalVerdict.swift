/// What the policy says about one imported global.
public enum GlobalVerdict: Sendable, Equatable {
    case allowed
    case dangerous(DangerCategory)
    case unlisted

    /// Judges `global` as the loader resolves it; `alternate` is the same import under the other
    /// reading of the compatibility renames, consulted only to rank a finding higher (a
    /// `__builtin__.eval` in a protocol-4 pickle fails to import, but says what it meant).
    static func judge(_ global: PickleGlobalName, alternate: PickleGlobalName, policy: PicklePolicy,
                      allowGlobals: AllowGlobals) -> GlobalVerdict {
        if SafeGlobals.exact.contains(global.description) { return .allowed }
        if let category = DangerousGlobals.category(of: global) ?? DangerousGlobals.category(of: alternate) {
            return .dangerous(category)
        }
        if global.reachesDunder || alternate.reachesDunder { return .dangerous(.introspection) }
        if SafeGlobals.contains(global) || allowGlobals.contains(global) { return .allowed }
        return .unlisted
    }
}

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
