import Foundation

extension MulticlassAccumulator: CheckedState {
    func violation(_ scores: ScoreExpectation) -> String? {
        let width = rankings.count
        if nonFiniteScoreRows != 0 || rowsWithScoresOutsideUnitInterval != 0 {
            return "it counts \(nonFiniteScoreRows + rowsWithScoresOutsideUnitInterval) rows with scores outside [0, 1], which a shard run never measures"
        }
        if scoredRows > rows || rowsWithScoresNotSummingToOne > scoredRows || labelsWithoutScoreColumn > scoredRows {
            return "it counts more scored rows (\(scoredRows); \(rowsWithScoresNotSummingToOne) not summing to 1, "
                + "\(labelsWithoutScoreColumn) with a label without a score column) than rows (\(rows))"
        }
        var rankedPositives = 0
        for (id, ranking) in rankings.enumerated() {
            if ranking.positives + ranking.negatives != scoredRows {
                return "its score ranking of class id \(id) holds \(ranking.positives + ranking.negatives) rows, but it counts \(scoredRows) scored rows"
            }
            if ranking.positives > counts.support(id) {
                return "its score ranking of class id \(id) holds \(ranking.positives) rows of that class, but its confusion counts have \(counts.support(id))"
            }
            if !ranking.ranksOnlyProbabilities { return "its score ranking of class id \(id) holds scores outside [0, 1]" }
            rankedPositives += ranking.positives
        }
        // Each scored row is a positive of its label's ranking, or has a label without a score column.
        let unscoredClasses = (width..<max(width, counts.classCount)).reduce(0) { $0 + counts.support($1) }
        if rankedPositives + labelsWithoutScoreColumn != scoredRows || labelsWithoutScoreColumn > unscoredClasses {
            return "its score rankings hold \(rankedPositives) rows of their classes and it counts \(labelsWithoutScoreColumn) rows "
                + "of classes without a score column (which have \(unscoredClasses) rows), but \(scoredRows) scored rows"
        }
        switch scores.coverage {
        case .none where scoredRows != 0: return "it counts \(scoredRows) scored rows, but scores are not kept here"
        case .every where scoredRows != rows: return "\(scoredRows) of its \(rows) rows are scored, but every row has scores"
        default: break
        }
        if scores.predictionsFromScores, let id = (width..<max(width, counts.classCount)).first(where: { counts.predictions($0) > 0 }) {
            return "it counts predictions of class id \(id), which has no score column, but every prediction is the class of the highest score"
        }
        let exact = rankings.compactMap { $0.positiveLogLoss() }
        if exact.count == rankings.count {
            var sum = ExactSum()
            for part in exact { sum.add(part) }
            if sum != logLossSum { return "its log-loss sum is not that of its ranked scores" }
        } else {
            let logLoss = logLossSum.value
            guard logLoss >= 0, logLoss <= Double(scoredRows) * -log(ProbabilityLoss.epsilon) else {
                return "its log-loss sum is outside what \(scoredRows) scored rows can add up to"
            }
        }
        return nil
    }

    func tally(scores: Bool) -> StateTally {
        var tally = StateTally(counts: [rows])
        tally.classCounts = (0..<counts.classCount).flatMap { [counts.support($0), counts.predictions($0), counts.truePositives($0)] }
        if scores {
            tally.counts += [scoredRows, nonFiniteScoreRows, rowsWithScoresOutsideUnitInterval, rowsWithScoresNotSummingToOne,
                             labelsWithoutScoreColumn]
            tally.sums = [logLossSum]
            tally.rankings = rankings
        }
        return tally
    }
}
