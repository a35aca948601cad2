/// A value a pickle builds, read out of the simulation after the fact, for container readers that
/// check what a pickle holds (legacy torch's magic number, storage ids and keys). Anything the
/// simulation did not keep in full is `.other`.
enum PickleConstant: Equatable, Sendable {
    case int(Int)
    case bool(Bool)
    case none
    case text(String)
    case tuple([PickleConstant])
    case list([PickleConstant])
    /// An imported global, by its resolved name.
    case global(String)
    /// What calling a global produced.
    case object(of: String)
    case other
}
