import Foundation

// What a ranking says about the rows it ranks, for checking the rest of a state against it.
extension ScoreRanking {
    /// Whether every score it ranks is a probability in [0, 1], as the scores a shard run measures
    /// are. (Past 62 dropped bits a bin no longer tells; no capacity a state can have gets there.)
    var ranksOnlyProbabilities: Bool {
        let state = flushed()
        guard let first = state.entries.first, let last = state.entries.last else { return true }
        guard let shift = state.shift else {
            return ScoreKey.score(ofOrdered: first.key) >= 0 && ScoreKey.score(ofOrdered: last.key) <= 1
        }
        guard shift <= 62 else { return true }
        return first.key >= ScoreKey.binnable(0) >> UInt64(shift) && last.key <= ScoreKey.binnable(1) >> UInt64(shift)
    }

    /// Positive and negative rows whose score is surely above `threshold`, and those that may be:
    /// the same when exact; binned, a bin that holds the threshold may hold scores on both sides.
    func countsAbove(_ threshold: Double) -> (surely: (positives: Int, negatives: Int), possibly: (positives: Int, negatives: Int)) {
        let state = flushed()
        let key: UInt64
        if let shift = state.shift {
            key = ScoreKey.binnable(threshold) >> UInt64(shift)
        } else {
            key = ScoreKey.ordered(bits: ScoreKey.normalizedBits(threshold))
        }
        var surely = (positives: 0, negatives: 0), possibly = (positives: 0, negatives: 0)
        for entry in state.entries where entry.key >= key {
            possibly.positives += entry.positives
            possibly.negatives += entry.negatives
            if entry.key > key {
                surely.positives += entry.positives
                surely.negatives += entry.negatives
            }
        }
        // An exact key equal to the threshold's is a score equal to it: not above.
        if state.shift == nil { possibly = surely }
        return (surely, possibly)
    }

    /// The exact sums of the log-loss and Brier terms of the binary rows it ranks, each a
    /// probability, as `BinaryAccumulator` adds them row by row; nil when binned.
    func binaryLosses() -> (logLoss: ExactSum, brier: ExactSum)? {
        let state = flushed()
        guard state.shift == nil else { return nil }
        var logLoss = ExactSum(), brier = ExactSum()
        for entry in state.entries {
            let score = ScoreKey.score(ofOrdered: entry.key)
            if entry.positives > 0 {
                let miss = 1 - score
                logLoss.addProduct(ProbabilityLoss.logLoss(probabilityOfTrueClass: score), Double(entry.positives))
                brier.addProduct(miss * miss, Double(entry.positives))
            }
            if entry.negatives > 0 {
                let miss = -score
                logLoss.addProduct(ProbabilityLoss.logLoss(probabilityOfTrueClass: 1 - score), Double(entry.negatives))
                brier.addProduct(miss * miss, Double(entry.negatives))
            }
        }
        return (logLoss, brier)
    }

    /// The exact sum of the log-loss terms of its positive rows (a one-vs-rest ranking's positives
    /// are the rows of its class, scored by their own class's column); nil when binned.
    func positiveLogLoss() -> ExactSum? {
        let state = flushed()
        guard state.shift == nil else { return nil }
        var sum = ExactSum()
        for entry in state.entries where entry.positives > 0 {
            sum.addProduct(ProbabilityLoss.logLoss(probabilityOfTrueClass: ScoreKey.score(ofOrdered: entry.key)), Double(entry.positives))
        }
        return sum
    }
}
