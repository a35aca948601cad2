/// The parts of an accumulator's state that add up over disjoint rows: counts, exact sums, score
/// rankings and extremes. The overall state of a pass is the tally of its slices (every row has
/// one) and of its bootstrap blocks (every row is in one), which is how a state read from a shard
/// report is checked to be one a pass could have written.
struct StateTally: Equatable {
    var counts: [Int] = []
    /// Per class: rows with the label, rows with the prediction, rows with both (multiclass).
    var classCounts: [Int] = []
    var sums: [ExactSum] = []
    var rankings: [ScoreRanking] = []
    /// Combined by taking the larger (a maximum error; a range as its negated low end and its high end).
    var maxima: [Double] = []

    /// Adds the tally of other rows. False, leaving this tally unusable, when a count would pass
    /// `MetricCounts.maximum`: parts that add up to more than any state may hold are no state's parts
    /// (and checking first keeps the rankings' own sums from overflowing).
    mutating func add(_ other: StateTally) -> Bool {
        guard counts.count == other.counts.count, sums.count == other.sums.count,
              rankings.count == other.rankings.count, maxima.count == other.maxima.count else { return false }
        guard let added = Self.sum(counts, other.counts),
              let addedClasses = Self.sum(classCounts, other.classCounts),
              zip(rankings, other.rankings).allSatisfy({ MetricCounts.total([$0.positives, $1.positives, $0.negatives, $1.negatives]) != nil })
        else { return false }
        counts = added
        classCounts = addedClasses
        for index in sums.indices { sums[index].add(other.sums[index]) }
        for index in rankings.indices { rankings[index].merge(other.rankings[index]) }
        for index in maxima.indices { maxima[index] = max(maxima[index], other.maxima[index]) }
        return true
    }

    /// Element-wise, the shorter padded with zeros; nil past `MetricCounts.maximum`.
    private static func sum(_ a: [Int], _ b: [Int]) -> [Int]? {
        var result = a.count >= b.count ? a : b
        for (index, value) in (a.count >= b.count ? b : a).enumerated() {
            guard let total = MetricCounts.total([result[index], value]) else { return nil }
            result[index] = total
        }
        return result.allSatisfy({ (0...MetricCounts.maximum).contains($0) }) ? result : nil
    }

    static func == (lhs: StateTally, rhs: StateTally) -> Bool {
        // Classes without rows at the end are no difference: states span the ids their rows used.
        func trimmed(_ counts: [Int]) -> ArraySlice<Int> {
            counts[..<(counts.lastIndex { $0 != 0 }.map { $0 + 1 } ?? 0)]
        }
        return lhs.counts == rhs.counts && trimmed(lhs.classCounts) == trimmed(rhs.classCounts) && lhs.sums == rhs.sums
            && lhs.rankings == rhs.rankings && lhs.maxima == rhs.maxima
    }
}
