/// The unpickler's memo: keys are usually 0, 1, 2… (the pickler numbers them so), kept in an array;
/// other keys go to a dictionary, so a hostile key like 4,000,000,000 costs one entry, not an array.
struct PickleMemo {
    private var dense: [PickleValue] = []
    private var sparse: [Int: PickleValue] = [:]
    /// Distinct keys, which is also the key MEMOIZE uses next.
    private(set) var count = 0
    /// Capacity reserved at the first store, so a large pickle's memo is not copied as it grows;
    /// the pages are only touched as entries arrive.
    private let expectedEntries: Int

    init(expectedEntries: Int = 0) {
        self.expectedEntries = expectedEntries
    }

    subscript(key: Int) -> PickleValue? {
        if key >= 0, key < dense.count, !dense[key].isAbsent { return dense[key] }
        return sparse.isEmpty ? nil : sparse[key]
    }

    func contains(_ key: Int) -> Bool {
        if key >= 0, key < dense.count, !dense[key].isAbsent { return true }
        return !sparse.isEmpty && sparse.keys.contains(key)
    }

    mutating func store(_ value: PickleValue, at key: Int) {
        if !sparse.isEmpty, sparse.keys.contains(key) {
            sparse[key] = value
            return
        }
        if key >= 0, key < dense.count {
            if dense[key].isAbsent { count += 1 }
            dense[key] = value
            return
        }
        // The array only grows over small gaps, so its length stays within twice the entries.
        if key >= 0, key <= 2 * count + 1_024 {
            if dense.isEmpty { dense.reserveCapacity(expectedEntries) }
            while dense.count < key { dense.append(.absent) }
            dense.append(value)
        } else {
            sparse[key] = value
        }
        count += 1
    }
}
