/// What the simulation knows about one value on the unpickler's stack or in its memo: only what
/// decides which callables run. Numbers, containers and payloads are all `.data`.
enum PickleValue: Sendable, Equatable {
    /// A string operand, still in the input.
    case text(PickleText)
    /// An imported global: an index into the scan's table of globals.
    case global(Int)
    /// The result of calling (or instantiating) the global with this index.
    case instance(of: Int)
    /// What a persistent id, an extension code or a call of a non-global produced: not knowable.
    case unknown
    /// Any other value: numbers, bytes, None, containers, buffers.
    case data
}
