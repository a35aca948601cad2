/// Mergeable state of the regression metrics, fed one (target, prediction) pair at a time.
//
// Sums are exact (`ExactSum`) and extremes are order-free, so merged shards equal one pass bit
// for bit. r² needs the targets' total sum of squares, which a streaming pass gets from the sums
// of y and y² (both exact); the cancellation in Σy² − (Σy)²/n is then done in double-double
// arithmetic, so it loses nothing until the mean is ~10^15 standard deviations from zero.
public struct RegressionAccumulator: Sendable, Equatable, Codable {
    public private(set) var rows = 0
    /// Rows with a NaN or infinite target or prediction; they make every metric undefined.
    public private(set) var nonFiniteRows = 0
    /// The largest |y − ŷ| (scikit-learn's max_error); 0 before any row.
    public private(set) var maxError = 0.0
    /// The smallest and largest target, to recognise a constant target exactly.
    public private(set) var targetRange: ClosedRange<Double>?
    private(set) var absoluteErrors = ExactSum()
    private(set) var squaredErrors = ExactSum()
    private(set) var relativeErrors = ExactSum()
    private(set) var targets = ExactSum()
    private(set) var targetSquares = ExactSum()

    public init() {}

    /// One row: the true `target` and the model's `prediction`.
    @inline(__always)
    public mutating func add(target: Double, prediction: Double, count: Int = 1) {
        precondition(count >= 0, "a row count cannot be negative")
        guard count > 0 else { return }
        rows += count
        guard target.isFinite && prediction.isFinite else {
            nonFiniteRows += count
            return
        }
        let error = target - prediction
        let absoluteError = abs(error)
        let squaredError = error * error
        // scikit-learn's mean_absolute_percentage_error divides by max(|y|, eps of float64).
        let relativeError = absoluteError / max(abs(target), Double.ulpOfOne)
        if count == 1 {
            absoluteErrors.add(absoluteError)
            squaredErrors.add(squaredError)
            relativeErrors.add(relativeError)
            targets.add(target)
            targetSquares.addProduct(target, target)
        } else {
            let repeats = Double(count)
            absoluteErrors.addProduct(absoluteError, repeats)
            squaredErrors.addProduct(squaredError, repeats)
            relativeErrors.addProduct(relativeError, repeats)
            targets.addProduct(target, repeats)
            let square = target * target
            targetSquares.addProduct(square, repeats)
            if square.isFinite { targetSquares.addProduct((-square).addingProduct(target, target), repeats) }
        }
        maxError = max(maxError, absoluteError)
        if let range = targetRange {
            if target < range.lowerBound || target > range.upperBound {
                targetRange = min(range.lowerBound, target)...max(range.upperBound, target)
            }
        } else {
            targetRange = target...target
        }
    }

    /// Adds another shard's rows.
    public mutating func merge(_ other: RegressionAccumulator) {
        rows += other.rows
        nonFiniteRows += other.nonFiniteRows
        maxError = max(maxError, other.maxError)
        if let theirs = other.targetRange {
            targetRange = targetRange.map { min($0.lowerBound, theirs.lowerBound)...max($0.upperBound, theirs.upperBound) }
                ?? theirs
        }
        absoluteErrors.add(other.absoluteErrors)
        squaredErrors.add(other.squaredErrors)
        relativeErrors.add(other.relativeErrors)
        targets.add(other.targets)
        targetSquares.add(other.targetSquares)
    }
}
