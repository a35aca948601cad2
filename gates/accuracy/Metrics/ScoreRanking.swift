/// Positive and negative counts per distinct score (per fine bin past a cap): mergeable ROC AUC and average precision.
//
// Exactness: while a ranking has seen at most `capacity` distinct scores it keeps one entry per
// distinct score, and AUC/AP equal scikit-learn's (ties included). Past the cap it keeps bins:
// the scores' `ScoreKey.binnable` keys with the fewest low bits dropped that fit the cap again;
// scores sharing a bin count as tied, and `rocAUC()`/`averagePrecision()` bound the error.
// The state is canonical: the level is the finest that fits all the data seen, and counts add,
// so merging shards in any grouping and order gives the same state as one pass, exact or binned.
//
// Rows are buffered and merged into the sorted entries a batch at a time (sort, then one linear
// merge), which streams through memory instead of missing the cache on every row.
public struct ScoreRanking: Sendable {
    /// Distinct scores (or bins) kept by default: 12 MB of entries.
    public static let defaultCapacity = 1 << 19

    /// The most entries kept before coarsening.
    public internal(set) var capacity: Int
    // `nil` while exact; otherwise how many low bits of the binnable key a bin drops.
    var shift: Int?
    public internal(set) var positives = 0
    public internal(set) var negatives = 0
    /// Merged rows, strictly increasing by key: `ScoreKey.ordered` keys, or bins.
    var entries: [ScoreEntry] = []
    // Rows not merged yet: normalised score bits, and the count, negated for negative rows.
    private var pendingScores: [UInt64] = []
    private var pendingCounts: [Int] = []

    public init(capacity: Int = ScoreRanking.defaultCapacity) {
        precondition(capacity >= 1, "a ranking needs room for one entry")
        self.capacity = capacity
    }

    /// `nil` while exact; otherwise how many low bits of `ScoreKey.binnable` a bin drops.
    public var binShift: Int? { flushed().shift }

    /// Whether AUC and AP from this ranking are exact.
    public var isExact: Bool { binShift == nil }

    /// Distinct scores (exact) or occupied bins (binned).
    public var entryCount: Int { flushed().entries.count }

    /// Bytes held, for memory budgets.
    public var memoryBytes: Int {
        entries.capacity * MemoryLayout<ScoreEntry>.stride + (pendingScores.capacity + pendingCounts.capacity) * 8
    }

    /// Rows buffered before a merge: a quarter of the capacity, within [2^10, 2^17] (2 MB at
    /// most). A quarter, not more: the 128 small rankings of a bootstrap hold their buffers and
    /// room for a merge's worth of entries all at once.
    private var batchSize: Int { min(1 << 17, max(1 << 10, capacity / 4)) }

    /// Records `count` rows of a finite `score` whose true class is positive or not.
    @inline(__always)
    public mutating func add(_ score: Double, positive: Bool, count: Int = 1) {
        precondition(score.isFinite, "rankings take finite scores; the accumulators count the others")
        guard count > 0 else { return }
        positives &+= positive ? count : 0
        negatives &+= positive ? 0 : count
        pendingScores.append(ScoreKey.normalizedBits(score))
        pendingCounts.append(positive ? count : -count)
        if pendingScores.count >= batchSize { flush() }
    }

    /// Adds another ranking's counts. With different capacities the smaller one applies.
    public mutating func merge(_ other: ScoreRanking) {
        flush()
        let other = other.flushed()
        if other.capacity < capacity {
            capacity = other.capacity
            if entries.count > capacity { coarsen(toAtLeast: shift ?? 1) }
        }
        if let otherShift = other.shift, otherShift > (shift ?? 0) {
            coarsen(toAtLeast: otherShift)
        }
        positives += other.positives
        negatives += other.negatives
        var runs = other.entries
        switch (shift, other.shift) {
        case (nil, _):
            break  // both exact: `other` binned would have coarsened `self` above
        case (let level?, nil):
            for index in runs.indices {
                runs[index].key = ScoreKey.binnable(ScoreKey.score(ofOrdered: runs[index].key)) >> UInt64(level)
            }
        case (let level?, let otherLevel?):
            for index in runs.indices { runs[index].key >>= UInt64(level - otherLevel) }
        }
        Self.collapse(&runs)
        mergeSorted(runs)
        if entries.count > capacity { coarsen(toAtLeast: shift ?? 1) }
    }

    /// This ranking with every buffered row merged: what AUC, AP, equality and encoding read.
    func flushed() -> ScoreRanking {
        guard !pendingScores.isEmpty else { return self }
        var copy = self
        copy.flush()
        return copy
    }

    /// Merges the buffered rows into the sorted entries, coarsening if they outgrow the cap.
    mutating func flush() {
        guard !pendingScores.isEmpty else { return }
        // The buffers become the sort's input, keyed in place, and come back emptied: fresh
        // arrays on every flush cost a page fault per 4 KB, a few per cent of a 10M-row scan.
        var keys: [UInt64] = []
        var counts: [Int] = []
        swap(&keys, &pendingScores)
        swap(&counts, &pendingCounts)
        let shift = self.shift
        keys.withUnsafeMutableBufferPointer { key in
            if let shift {
                for index in key.indices { key[index] = ScoreKey.binnable(Double(bitPattern: key[index])) >> UInt64(shift) }
            } else {
                for index in key.indices { key[index] = ScoreKey.ordered(bits: key[index]) }
            }
        }
        RadixSort.sort(keys: &keys, values: &counts)
        var runs = [ScoreEntry](repeating: ScoreEntry(key: 0, positives: 0, negatives: 0), count: keys.count)
        let runCount = runs.withUnsafeMutableBufferPointer { run in
            keys.withUnsafeBufferPointer { key in
                counts.withUnsafeBufferPointer { count in
                    var last = -1
                    for index in key.indices {
                        if last < 0 || run[last].key != key[index] {
                            last += 1
                            run[last].key = key[index]
                        }
                        run[last].positives &+= max(count[index], 0)
                        run[last].negatives &+= max(-count[index], 0)
                    }
                    return last + 1
                }
            }
        }
        runs.removeLast(runs.count - runCount)
        keys.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        swap(&keys, &pendingScores)
        swap(&counts, &pendingCounts)
        mergeSorted(runs)
        if entries.count > capacity { coarsen(toAtLeast: shift ?? 1) }
    }

    /// Merges sorted, distinct-keyed `runs` into `entries` in place, from the back.
    private mutating func mergeSorted(_ runs: [ScoreEntry]) {
        guard !runs.isEmpty else { return }
        let oldCount = entries.count
        let shared = entries.withUnsafeBufferPointer { entry in
            runs.withUnsafeBufferPointer { run in
                var (i, j, shared) = (0, 0, 0)
                while i < entry.count && j < run.count {
                    let (left, right) = (entry[i].key, run[j].key)
                    i += left <= right ? 1 : 0
                    j += left >= right ? 1 : 0
                    shared += left == right ? 1 : 0
                }
                return shared
            }
        }
        let newCount = oldCount + runs.count - shared
        if newCount > entries.capacity {
            // Grow straight to the most a flush can need once past a quarter of it: growing by
            // doubling would hold the old and the new buffer at once near the cap.
            let most = capacity + batchSize
            entries.reserveCapacity(max(newCount, newCount >= most / 4 ? most : 2 * entries.capacity))
        }
        entries.append(contentsOf: repeatElement(ScoreEntry(key: 0, positives: 0, negatives: 0), count: newCount - oldCount))
        entries.withUnsafeMutableBufferPointer { entry in
            runs.withUnsafeBufferPointer { run in
                var (old, next, write) = (oldCount - 1, run.count - 1, newCount - 1)
                while next >= 0 {
                    if old >= 0 && entry[old].key > run[next].key {
                        entry[write] = entry[old]
                        old -= 1
                    } else if old >= 0 && entry[old].key == run[next].key {
                        entry[write] = ScoreEntry(key: run[next].key,
                                                  positives: entry[old].positives + run[next].positives,
                                                  negatives: entry[old].negatives + run[next].negatives)
                        old -= 1
                        next -= 1
                    } else {
                        entry[write] = run[next]
                        next -= 1
                    }
                    write -= 1
                }
            }
        }
    }

    /// Moves to the finest bin level, at least `minimum`, whose bins fit the capacity.
    private mutating func coarsen(toAtLeast minimum: Int) {
        let from = shift ?? 0
        if shift == nil {
            // Both keys increase with the score, so the entries stay sorted.
            for index in entries.indices {
                entries[index].key = ScoreKey.binnable(ScoreKey.score(ofOrdered: entries[index].key))
            }
        }
        var level = max(minimum, from, 1)
        while level < 64 && Self.distinctBins(entries, droppingBits: level - from) > capacity {
            level += 1
        }
        let dropped = UInt64(level - from)
        for index in entries.indices { entries[index].key >>= dropped }
        Self.collapse(&entries)
        shift = level
    }

    /// Adds up neighbours with equal keys, in place.
    private static func collapse(_ sorted: inout [ScoreEntry]) {
        guard var last = sorted.indices.first else { return }
        for index in sorted.indices.dropFirst() {
            if sorted[index].key == sorted[last].key {
                sorted[last].positives += sorted[index].positives
                sorted[last].negatives += sorted[index].negatives
            } else {
                last += 1
                sorted[last] = sorted[index]
            }
        }
        sorted.removeLast(sorted.count - last - 1)
    }

    private static func distinctBins(_ sorted: [ScoreEntry], droppingBits bits: Int) -> Int {
        var count = 0
        var previous: UInt64?
        for entry in sorted {
            let key = entry.key >> UInt64(bits)
            if key != previous {
                count += 1
                previous = key
            }
        }
        return count
    }
}

extension ScoreRanking: Equatable {
    public static func == (lhs: ScoreRanking, rhs: ScoreRanking) -> Bool {
        let (left, right) = (lhs.flushed(), rhs.flushed())
        return left.capacity == right.capacity && left.shift == right.shift
            && left.positives == right.positives && left.negatives == right.negatives
            && left.entries == right.entries
    }
}
