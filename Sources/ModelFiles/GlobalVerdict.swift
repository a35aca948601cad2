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
