extension RegressionAccumulator: CheckedState {
    // The bounds compare a rounded exact sum with a once-rounded product, and rounding keeps the
    // order of exact values: no slack is needed, except where a term is an exact square and the
    // bound a rounded one (the sum of target squares, at most n times the largest).
    func violation(_ scores: ScoreExpectation) -> String? {
        if nonFiniteRows != 0 {
            return "it counts \(nonFiniteRows) rows with a non-finite target or prediction, which a shard run never measures"
        }
        guard let range = targetRange else {
            let sums = [absoluteErrors, squaredErrors, relativeErrors, targets, targetSquares]
            guard rows == 0, maxError == 0, sums.allSatisfy({ $0 == ExactSum() }) else {
                return "it counts \(rows) rows and sums, but has no range of targets"
            }
            return nil
        }
        let n = Double(rows)
        guard rows > 0, range.lowerBound.isFinite, range.upperBound.isFinite, maxError.isFinite, maxError >= 0 else {
            return "its range of targets or largest error is not that of \(rows) finite rows"
        }
        let absolute = absoluteErrors.value, squared = squaredErrors.value, relative = relativeErrors.value
        // Non-negative terms: a sum holds its largest term and at most n times it.
        guard absolute >= maxError, absolute <= n * maxError, squared >= maxError * maxError, squared <= n * (maxError * maxError),
              relative >= 0 else {
            return "its sums of errors are not those of \(rows) rows whose largest error is \(maxError)"
        }
        let sum = targets.value, squares = targetSquares.value
        let largestSquare = max(range.lowerBound * range.lowerBound, range.upperBound * range.upperBound)
        guard sum >= n * range.lowerBound, sum <= n * range.upperBound, squares >= largestSquare, squares <= n * largestSquare * (1 + 0x1p-50) else {
            return "its sums of targets are not those of \(rows) rows with targets in [\(range.lowerBound), \(range.upperBound)]"
        }
        return nil
    }

    func tally(scores: Bool) -> StateTally {
        StateTally(counts: [rows, nonFiniteRows], sums: [absoluteErrors, squaredErrors, relativeErrors, targets, targetSquares],
                   maxima: [maxError, -(targetRange?.lowerBound ?? .infinity), targetRange?.upperBound ?? -.infinity])
    }
}
