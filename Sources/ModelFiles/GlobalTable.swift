/// The distinct globals of a scan, so memo aliases and repeated imports count against one entry.
struct GlobalTable {
    private(set) var uses: [PickleGlobalUse] = []
    private var indices: [PickleGlobalName: Int] = [:]

    subscript(index: Int) -> PickleGlobalUse {
        get { uses[index] }
        _modify { yield &uses[index] }
    }

    /// The index of `name`, adding it (judged by `verdict`) when it is new.
    mutating func intern(_ name: PickleGlobalName, offset: Int, verdict: () -> GlobalVerdict) -> Int {
        if let index = indices[name] {
            uses[index].imports += 1
            return index
        }
        indices[name] = uses.count
        uses.append(PickleGlobalUse(name: name, firstOffset: offset, verdict: verdict(), imports: 1))
        return uses.count - 1
    }
}
