import Foundation

extension BinaryAccumulator: CheckedState {
    func violation(_ scores: ScoreExpectation) -> String? {
        let positives = truePositives + falseNegatives, negatives = trueNegatives + falsePositives
        if nonFiniteScores != 0 || scoresOutsideUnitInterval != 0 {
            return "it counts \(nonFiniteScores + scoresOutsideUnitInterval) scores outside [0, 1], which a shard run never measures"
        }
        if scoredRows > rows { return "it counts \(scoredRows) scored rows, more than its \(rows) rows" }
        if ranking.positives + ranking.negatives != scoredRows {
            return "its score ranking holds \(ranking.positives + ranking.negatives) rows, but it counts \(scoredRows) scored rows"
        }
        if ranking.positives > positives || ranking.negatives > negatives {
            return "its score ranking holds \(ranking.positives) positive and \(ranking.negatives) negative rows, "
                + "but its confusion counts have \(positives) and \(negatives)"
        }
        switch scores.coverage {
        case .none where scoredRows != 0: return "it counts \(scoredRows) scored rows, but scores are not kept here"
        case .every where scoredRows != rows: return "\(scoredRows) of its \(rows) rows are scored, but every row has a score"
        default: break
        }
        if !ranking.ranksOnlyProbabilities { return "its score ranking holds scores outside [0, 1]" }
        if scores.predictionsFromScores {
            // Each prediction is `score > threshold`: the ranking counts the predicted positives.
            let above = ranking.countsAbove(threshold)
            guard (above.surely.positives...above.possibly.positives).contains(truePositives),
                  (above.surely.negatives...above.possibly.negatives).contains(falsePositives) else {
                return "its confusion counts (tp \(truePositives), fp \(falsePositives)) are not those of its ranked scores at the threshold \(threshold)"
                    + " (tp \(Self.range(above.surely.positives, above.possibly.positives)), fp \(Self.range(above.surely.negatives, above.possibly.negatives)))"
            }
        }
        if let losses = ranking.binaryLosses() {
            if losses.logLoss != logLossSum { return "its log-loss sum is not that of its ranked scores" }
            if losses.brier != brierSum { return "its Brier sum is not that of its ranked scores" }
        } else {
            // Binned scores bound the sums: each Brier term is in [0, 1], each log-loss term in [0, -log(eps)].
            let brier = brierSum.value, logLoss = logLossSum.value
            guard brier >= 0, brier <= Double(scoredRows), logLoss >= 0,
                  logLoss <= Double(scoredRows) * -log(ProbabilityLoss.epsilon) else {
                return "its log-loss or Brier sum is outside what \(scoredRows) scored rows can add up to"
            }
        }
        return nil
    }

    private static func range(_ low: Int, _ high: Int) -> String { low == high ? "\(low)" : "\(low) to \(high)" }

    func tally(scores: Bool) -> StateTally {
        var tally = StateTally(counts: [truePositives, falsePositives, trueNegatives, falseNegatives])
        if scores {
            tally.counts += [scoredRows, nonFiniteScores, scoresOutsideUnitInterval]
            tally.sums = [logLossSum, brierSum]
            tally.rankings = [ranking]
        }
        return tally
    }
}
