/// The bound on every count a metric state read from elsewhere (a shard report) may hold.
//
// 2^48 rows is far beyond any test set, and keeps every sum the metrics and merges make — of
// a few counts, of every class's counts, of up to `Shard.maximumCount` shards — far from
// overflowing an Int, which would trap.
public enum MetricCounts {
    public static let maximum = 1 << 48

    /// Whether every count is in 0...maximum.
    static func valid(_ counts: Int...) -> Bool {
        counts.allSatisfy { (0...maximum).contains($0) }
    }

    /// The sum of counts each in 0...maximum, or nil if one is not or the sum passes `maximum`.
    static func total(_ counts: some Sequence<Int>) -> Int? {
        var total = 0
        for count in counts {
            guard (0...maximum).contains(count) else { return nil }
            total += count
            guard total <= maximum else { return nil }
        }
        return total
    }
}

extension BinaryAccumulator {
    var countsAreValid: Bool {
        MetricCounts.total([truePositives, falsePositives, trueNegatives, falseNegatives]) != nil
            && MetricCounts.valid(scoredRows, nonFiniteScores, scoresOutsideUnitInterval, ranking.positives, ranking.negatives)
    }
}

extension MulticlassAccumulator {
    var countsAreValid: Bool {
        MetricCounts.valid(counts.rows, scoredRows, nonFiniteScoreRows, rowsWithScoresOutsideUnitInterval,
                           rowsWithScoresNotSummingToOne, labelsWithoutScoreColumn)
            && rankings.allSatisfy { MetricCounts.valid($0.positives, $0.negatives) }
    }
}

extension RegressionAccumulator {
    var countsAreValid: Bool {
        MetricCounts.valid(rows, nonFiniteRows)
    }
}
