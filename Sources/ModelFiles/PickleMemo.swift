/// The unpickler's memo: keys are usually 0, 1, 2… (the pickler numbers them so), kept in an array;
/// other keys go to a dictionary, so a hostile key like 4,000,000,000 costs one entry, not an array.
struct PickleMemo {
    private var dense: [PickleValue?] = []
    private var sparse: [Int: PickleValue] = [:]
    /// Distinct keys, which is also the key MEMOIZE uses next.
    private(set) var count = 0

    subscript(key: Int) -> PickleValue? {
        if key >= 0, key < dense.count, let value = dense[key] { return value }
        return sparse.isEmpty ? nil : sparse[key]
    }

    mutating func store(_ value: PickleValue, at key: Int) {
        if !sparse.isEmpty, sparse[key] != nil {
            sparse[key] = value
            return
        }
        if key >= 0, key < dense.count {
            if dense[key] == nil { count += 1 }
            dense[key] = value
            return
        }
        // The array only grows over small gaps, so its length stays within twice the entries.
        if key >= 0, key <= 2 * count + 1_024 {
            dense.append(contentsOf: repeatElement(nil, count: key - dense.count + 1))
            dense[key] = value
        } else {
            sparse[key] = value
        }
        count += 1
    }
}
