/// One distinct global a pickle imports, with what loading would do with it.
public struct PickleGlobalUse: Sendable, Equatable {
    /// The name the loader resolves (compatibility renames applied for protocols 0–2).
    public var name: PickleGlobalName
    /// Offset of the first opcode that imports it.
    public var firstOffset: Int
    public var verdict: GlobalVerdict
    /// GLOBAL, STACK_GLOBAL and INST opcodes that import it.
    public var imports = 0
    /// REDUCE, NEWOBJ, NEWOBJ_EX, OBJ and INST opcodes that call it, memo aliases included.
    public var calls = 0
    /// BUILD opcodes on what it returned: `__setstate__` of its class, or attribute updates.
    public var builds = 0
}
