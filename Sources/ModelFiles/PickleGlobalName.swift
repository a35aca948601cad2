/// A module and a name as a pickle imports them (`GLOBAL`, `STACK_GLOBAL`, `INST`).
///
/// The name may be dotted (`Outer.Inner`): loaders follow it attribute by attribute, so every
/// component counts when judging it.
public struct PickleGlobalName: Sendable, Hashable, CustomStringConvertible {
    public var module: String
    public var name: String

    public init(module: String, name: String) {
        self.module = module
        self.name = name
    }

    /// `module.name`, the form tables, `allow_globals` and reports use.
    public var description: String { module + "." + name }

    /// The name the loader actually imports: Python 2 names are renamed as `_compat_pickle` does,
    /// which CPython applies only to pickles of protocol 0–2 (`fix_imports`).
    public func resolved(protocol version: Int) -> PickleGlobalName {
        version < 3 ? CompatNames.resolve(self) : self
    }

    /// Whether any component of the module or the name is a dunder (`__builtins__`, `__globals__`):
    /// such attributes reach interpreter internals, never a model's classes.
    var reachesDunder: Bool {
        func dunder(_ part: Substring) -> Bool { part.count > 4 && part.hasPrefix("__") && part.hasSuffix("__") }
        return module.split(separator: ".").contains(where: dunder) || name.split(separator: ".").contains(where: dunder)
    }

    /// Whether `module` is `prefix` or one of its submodules.
    func isInModule(_ prefix: String) -> Bool {
        module == prefix || (module.hasPrefix(prefix) && module.utf8.dropFirst(prefix.utf8.count).first == UInt8(ascii: "."))
    }
}
