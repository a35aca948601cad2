/// A value the simulation keeps in full while a scan tracks values: only when a container's layout
/// depends on them (a joblib array's shape and dtype, legacy torch's storage ids and keys).
/// Containers keep at most `maxItems` items, and all of them together at most four per
/// `PickleLimits.maxTrackedValues`; a container cut short is `complete: false`, so looking a key up
/// in it answers "unknown", never "absent".
enum TrackedValue {
    case int(Int)
    case bool(Bool)
    case pythonNone
    /// Tuples are immutable; longer ones are not tracked at all.
    case tuple([PickleValue])
    case list([PickleValue], complete: Bool)
    case dict([TrackedPair], complete: Bool)
    case object(TrackedObject)

    static let maxItems = 1 << 16
}

/// One key-value pair of a tracked dict, in the order the pickle set it (the last one wins).
struct TrackedPair {
    var key: PickleValue
    var value: PickleValue
}
