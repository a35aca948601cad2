/// The rankings of many blocks in one table sorted by score, from which the ranking of any mix of
/// them (block i merged `times[i]` times) is built in two linear passes.
//
// A bootstrap replicate merges about 80 distinct blocks out of 128; merging them one after the
// other re-reads the growing result for every block. The table is sorted once; each replicate
// then reads it twice: once to find its bin level, once to add up its counts.
//
// Why it equals merging one block at a time: a ranking's state is canonical (see ScoreRanking):
// exact while the distinct scores fit the capacity, else binned at the finest level, at least 1
// and at least every merged block's level, at which the bins fit. Merging a block k times
// multiplies its counts by k and leaves that level alone. Every entry is keyed in the table by
// the binnable key of the lowest score its bin can hold (`bound`), so at any level `l` at or
// above its block's, `bound >> l` is its bin at `l`; sorted bounds stay sorted after the shift,
// and two neighbours share a bin at `l` exactly when their bounds agree above bit `l`.
struct RankingMix: Sendable {
    let capacity: Int
    /// Each block's bin level (nil: exact), positives and negatives.
    private let levels: [Int?]
    private let blockPositives: [Int]
    private let blockNegatives: [Int]
    /// Whether every block is exact: the table is then sorted by score, and bounds follow.
    private let exact: Bool
    // One element per entry of every block, sorted by `bound` (by score when exact). Counts are
    // 32-bit and owners 8-bit to keep the table small: it is read twice per replicate.
    private var bounds: [UInt64] = []
    /// `ScoreKey.ordered` keys, when exact.
    private var exactKeys: [UInt64] = []
    private var owners: [UInt8] = []
    private var positives: [UInt32] = []
    private var negatives: [UInt32] = []
    /// The level of all the blocks together (see `level`).
    private var fullLevel = 1

    /// The rankings of `count` blocks, at most 256, taken one at a time (so that only one
    /// flushed copy is held at once), all of one capacity, all exact or all binned, with entry
    /// counts below 2^32; nil otherwise (the caller merges them one by one).
    init?(count: Int, ranking: (Int) -> ScoreRanking) {
        guard count > 0, count <= 256 else { return nil }
        // Each block's entries as a run of sort keys (scores' ordered keys when exact, else bounds).
        var runKeys: [UInt64] = [], runPositives: [UInt32] = [], runNegatives: [UInt32] = []
        var runStarts = [0]
        var (levels, blockPositives, blockNegatives) = ([Int?](), [Int](), [Int]())
        var sharedCapacity: Int?
        for block in 0..<count {
            let ranking = ranking(block).flushed()
            guard sharedCapacity ?? ranking.capacity == ranking.capacity,
                  levels.isEmpty || (levels[0] == nil) == (ranking.shift == nil),
                  ranking.entries.allSatisfy({ max($0.positives, $0.negatives) <= Int(UInt32.max) })
            else { return nil }
            sharedCapacity = ranking.capacity
            levels.append(ranking.shift)
            blockPositives.append(ranking.positives)
            blockNegatives.append(ranking.negatives)
            for entry in ranking.entries {
                runKeys.append(ranking.shift.map { entry.key << UInt64($0) } ?? entry.key)
                runPositives.append(UInt32(entry.positives))
                runNegatives.append(UInt32(entry.negatives))
            }
            runStarts.append(runKeys.count)
        }
        (self.levels, self.blockPositives, self.blockNegatives) = (levels, blockPositives, blockNegatives)
        capacity = sharedCapacity!
        exact = levels[0] == nil
        let total = runKeys.count
        bounds.reserveCapacity(total)
        owners.reserveCapacity(total)
        positives.reserveCapacity(total)
        negatives.reserveCapacity(total)
        if exact { exactKeys.reserveCapacity(total) }
        // A k-way merge of the runs: a binary heap of (sort key, block) cursors.
        var cursors = Array(runStarts.dropLast())
        var heap = MinHeap()
        for block in 0..<count where runStarts[block] < runStarts[block + 1] {
            heap.push(key: runKeys[runStarts[block]], block: block)
        }
        while let (key, block) = heap.top {
            let index = cursors[block]
            bounds.append(exact ? ScoreKey.binnable(ScoreKey.score(ofOrdered: key)) : key)
            if exact { exactKeys.append(key) }
            owners.append(UInt8(block))
            positives.append(runPositives[index])
            negatives.append(runNegatives[index])
            cursors[block] = index + 1
            if index + 1 < runStarts[block + 1] {
                heap.replaceTop(key: runKeys[index + 1], block: block)
            } else {
                heap.pop()
            }
        }
        fullLevel = Self.fullLevel(bounds: bounds, capacity: capacity)
    }

    /// The ranking of merging block i `times[i]` times (0: not at all) into an empty ranking.
    func ranking(times: [Int]) -> ScoreRanking {
        precondition(times.count == levels.count, "one multiplicity per block")
        var result = ScoreRanking(capacity: capacity)
        var floor: Int?
        for (block, count) in times.enumerated() where count > 0 {
            result.positives += count * blockPositives[block]
            result.negatives += count * blockNegatives[block]
            if let level = levels[block] { floor = max(floor ?? 0, level) }
        }
        guard let first = owners.firstIndex(where: { times[Int($0)] > 0 }) else {
            result.shift = floor
            return result
        }
        let (level, entryCount) = self.level(times: times, floor: floor, from: first)
        // Exact: the scores' own keys; binned: each bound's bin at the level.
        // Shifts of 1...64 made of two masked shifts: no branch for a shift of 64.
        let (keys, firstShift, restShift) = level.map { (bounds, UInt64(1), UInt64($0 - 1)) } ?? (exactKeys, 0, 0)
        let binOf = { (key: UInt64) in (key &>> firstShift) &>> restShift }
        result.entries = [ScoreEntry](unsafeUninitializedCapacity: entryCount) { entries, initialized in
            times.withUnsafeBufferPointer { times in
                owners.withUnsafeBufferPointer { owner in
                    keys.withUnsafeBufferPointer { key in
                        positives.withUnsafeBufferPointer { positive in
                            negatives.withUnsafeBufferPointer { negative in
                                // Branch-free (which blocks a replicate draws is a coin toss): a row
                                // of an undrawn block adds zero to the current entry, which is
                                // written out at every row (stores only; no reading back).
                                var write = 0
                                var current = binOf(key[first])
                                var (sumPositives, sumNegatives) = (0, 0)
                                for index in first..<owner.count {
                                    let count = times[Int(owner[index])]
                                    let next = binOf(key[index])
                                    let isNew = (count > 0 ? 1 : 0) & (next != current ? 1 : 0)
                                    let keep = isNew &- 1  // all ones to keep adding to the current entry
                                    write &+= isNew
                                    current = next & ~UInt64(bitPattern: Int64(keep)) | current & UInt64(bitPattern: Int64(keep))
                                    sumPositives = sumPositives & keep &+ count &* Int(positive[index])
                                    sumNegatives = sumNegatives & keep &+ count &* Int(negative[index])
                                    precondition(write < entryCount, "the two passes agree on the entry count")
                                    entries[write] = ScoreEntry(key: current, positives: sumPositives, negatives: sumNegatives)
                                }
                                precondition(write + 1 == entryCount, "the two passes agree on the entry count")
                            }
                        }
                    }
                }
            }
            initialized = entryCount
        }
        result.shift = level
        return result
    }

    /// The mix's bin level (nil: exact), the finest at least 1 and `floor` whose bins fit the
    /// capacity, and its entry count. `first` is the first row of a drawn block.
    private func level(times: [Int], floor: Int?, from first: Int) -> (level: Int?, entries: Int) {
        if exact, floor == nil {
            let scores = distinctScores(times: times, from: first)
            if scores <= capacity { return (nil, scores) }
        }
        // A replicate holds part of the rows, so its level is at most that of all of them, and
        // usually that one or just below: one pass counts the bins at that level and three finer.
        let lowest = max(floor ?? 1, 1)
        var level = max(lowest, fullLevel)
        while true {
            // counts[k]: bins at level - k; counts[0] fits, as it fits all the rows.
            let counts = drawnBins(times: times, from: first, coarsest: level)
            var finer = 0
            while finer < 4 && level - finer > lowest && counts[finer + 1] <= capacity { finer += 1 }
            if finer == 4 && level - finer > lowest {
                level -= finer
                continue
            }
            return (level - finer, counts[finer])
        }
    }

    /// Distinct bins of the drawn rows at `coarsest` and the four levels below it (index 0: coarsest).
    private func drawnBins(times: [Int], from first: Int, coarsest: Int) -> [Int] {
        // Shifts of 1...64 as `>> 1` then a masked shift: no branch for a shift of 64 (level 0 is
        // never asked for, as every level is at least 1).
        let shift = { (finer: Int) in UInt64(max(coarsest - finer, 1) - 1) }
        let (shift0, shift1, shift2, shift3, shift4) = (shift(0), shift(1), shift(2), shift(3), shift(4))
        let drawn = times.map { $0 > 0 ? UInt64.max : 0 }
        var splits = (0, 0, 0, 0, 0)
        drawn.withUnsafeBufferPointer { drawn in
            owners.withUnsafeBufferPointer { owner in
                bounds.withUnsafeBufferPointer { bound in
                    // Branch-free, with the counts in registers: an undrawn row repeats its predecessor.
                    var previous = bound[first]
                    for index in first..<owner.count {
                        let mask = drawn[Int(owner[index])]
                        let current = bound[index] & mask | previous & ~mask
                        let difference = (current ^ previous) >> 1
                        splits.0 &+= difference &>> shift0 != 0 ? 1 : 0
                        splits.1 &+= difference &>> shift1 != 0 ? 1 : 0
                        splits.2 &+= difference &>> shift2 != 0 ? 1 : 0
                        splits.3 &+= difference &>> shift3 != 0 ? 1 : 0
                        splits.4 &+= difference &>> shift4 != 0 ? 1 : 0
                        previous = current
                    }
                }
            }
        }
        return [splits.0 + 1, splits.1 + 1, splits.2 + 1, splits.3 + 1, splits.4 + 1]
    }

    /// Distinct scores of the drawn rows (exact tables).
    private func distinctScores(times: [Int], from first: Int) -> Int {
        var splits = 0
        times.withUnsafeBufferPointer { times in
            owners.withUnsafeBufferPointer { owner in
                exactKeys.withUnsafeBufferPointer { key in
                    var previous = key[first]
                    for index in first..<owner.count {
                        let current = times[Int(owner[index])] > 0 ? key[index] : previous
                        splits += current != previous ? 1 : 0
                        previous = current
                    }
                }
            }
        }
        return splits + 1
    }

    /// The level of every block merged once: no mix of them needs a coarser one.
    private static func fullLevel(bounds: [UInt64], capacity: Int) -> Int {
        var splits = [Int](repeating: 0, count: 65)
        for index in bounds.indices.dropFirst() {
            splits[64 - (bounds[index] ^ bounds[index - 1]).leadingZeroBitCount] += 1
        }
        // Bins at level l - 1 are those at l plus the neighbours that first differ at bit l - 1.
        var (level, bins) = (64, 1)
        while level > 1 && bins + splits[level] <= capacity {
            bins += splits[level]
            level -= 1
        }
        return level
    }
}

/// A binary min-heap of (key, block) cursors, ties broken by block (any order would do: equal
/// keys are added up).
private struct MinHeap {
    private var items: [(key: UInt64, block: Int)] = []

    var top: (UInt64, Int)? { items.first.map { ($0.key, $0.block) } }

    mutating func push(key: UInt64, block: Int) {
        items.append((key, block))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() {
        let last = items.removeLast()
        guard !items.isEmpty else { return }
        items[0] = last
        siftDown()
    }

    mutating func replaceTop(key: UInt64, block: Int) {
        items[0] = (key, block)
        siftDown()
    }

    private mutating func siftDown() {
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < items.count else { return }
            let right = left + 1
            let child = right < items.count && Self.less(items[right], items[left]) ? right : left
            guard Self.less(items[child], items[parent]) else { return }
            items.swapAt(child, parent)
            parent = child
        }
    }

    private static func less(_ a: (key: UInt64, block: Int), _ b: (key: UInt64, block: Int)) -> Bool {
        (a.key, a.block) < (b.key, b.block)
    }
}
