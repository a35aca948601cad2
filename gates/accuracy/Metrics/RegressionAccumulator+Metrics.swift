extension RegressionAccumulator {
    /// The metric names `metrics()` returns, in order.
    public static let metricNames = ["mae", "mse", "rmse", "r2", "mape", "max_error"]

    /// Every metric of `metricNames`, each with scikit-learn's value or the reason it has none.
    public func metrics() -> [MetricResult] {
        guard rows > 0 else {
            return Self.metricNames.map { .undefined($0, "there are no rows") }
        }
        guard nonFiniteRows == 0 else {
            return Self.metricNames.map { .undefined($0, "\(nonFiniteRows) rows have a NaN or infinite value") }
        }
        let count = Double(rows)
        let meanSquaredError = squaredErrors.value / count
        return [
            .defined("mae", absoluteErrors.value / count),
            .defined("mse", meanSquaredError),
            .defined("rmse", meanSquaredError.squareRoot()),
            r2,
            .defined("mape", relativeErrors.value / count),
            .defined("max_error", maxError),
        ]
    }

    /// scikit-learn's r2_score with force_finite: a constant target scores 1 when predicted
    /// exactly and 0 otherwise; undefined (NaN there) with fewer than two rows.
    // A constant target is recognised exactly (smallest == largest). scikit-learn instead tests
    // its computed total sum of squares for 0, which rounding can miss (three targets of 0.1
    // give r2 = -8.7e31 there); both agree whenever that sum is computed exactly.
    private var r2: MetricResult {
        guard rows >= 2 else { return .undefined("r2", "r2 needs at least two rows") }
        let residual = squaredErrors.value
        guard let range = targetRange, range.lowerBound < range.upperBound else {
            return .defined("r2", residual == 0 ? 1 : 0)
        }
        let sum = targets.doubleDouble
        let total = (targetSquares.doubleDouble - sum * sum / Double(rows)).value
        return .defined("r2", 1 - residual / total)
    }
}
