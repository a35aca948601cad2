/// Per-class counts of a classification and its confusion matrix, growing as new class ids appear.
//
// Every metric needs only three counts per class (rows with that label, with that prediction,
// and both); the full matrix is kept for the report up to `matrixClassLimit` classes (8 MB),
// and dropped beyond. Arrays grow by doubling, so a new class costs amortised O(1) per class
// for the vectors and the matrix is re-laid out only log2(classes) times.
public struct ConfusionCounts: Sendable {
    /// Above this many classes the full matrix is not kept (`confusionMatrix()` is nil).
    public static let matrixClassLimit = 1024

    /// Class ids seen are `0..<classCount` (the largest id seen plus one).
    public internal(set) var classCount = 0
    /// Rows added.
    public internal(set) var rows = 0
    var actual: [Int] = []
    var predicted: [Int] = []
    var correct: [Int] = []
    // Row-major with row stride `actual.count` (the class capacity); nil past the limit.
    private var matrix: [Int]? = []

    /// `keepsMatrix: false`: per-class counts only, for the many states (slices, bootstrap
    /// blocks) that need no matrix: with a thousand classes a matrix is 8 MB.
    public init(classCount: Int = 0, keepsMatrix: Bool = true) {
        precondition(classCount >= 0)
        if !keepsMatrix { matrix = nil }
        if classCount > 0 { reserveClasses(classCount) }
        self.classCount = classCount
    }

    /// The same counts without the matrix.
    public func withoutMatrix() -> ConfusionCounts {
        var copy = self
        copy.matrix = nil
        return copy
    }

    /// Whether `confusionMatrix()` has a matrix to give.
    public var keepsMatrix: Bool { matrix != nil }

    /// Records `count` rows whose true class is `actual` and predicted class is `predicted`.
    @inline(__always)
    public mutating func add(actual label: Int, predicted prediction: Int, count: Int = 1) {
        precondition(label >= 0 && prediction >= 0, "class ids are non-negative")
        if label >= classCount || prediction >= classCount { addClasses(upTo: max(label, prediction)) }
        rows += count
        actual[label] += count
        predicted[prediction] += count
        if label == prediction { correct[label] += count }
        if matrix != nil { matrix![label * actual.count + prediction] += count }
    }

    /// Adds another set of counts; class ids mean the same classes in both.
    public mutating func merge(_ other: ConfusionCounts) {
        if other.classCount > classCount { addClasses(upTo: other.classCount - 1) }
        rows += other.rows
        for label in 0..<other.classCount {
            actual[label] += other.actual[label]
            predicted[label] += other.predicted[label]
            correct[label] += other.correct[label]
        }
        guard matrix != nil, let otherMatrix = other.matrix else {
            matrix = nil
            return
        }
        let stride = actual.count
        let otherStride = other.actual.count
        for label in 0..<other.classCount {
            for prediction in 0..<other.classCount {
                matrix![label * stride + prediction] += otherMatrix[label * otherStride + prediction]
            }
        }
    }

    /// Rows with true class `label`.
    public func support(_ label: Int) -> Int { label < classCount ? actual[label] : 0 }
    /// Rows predicted as `label`.
    public func predictions(_ label: Int) -> Int { label < classCount ? predicted[label] : 0 }
    /// Rows of class `label` predicted as `label`.
    public func truePositives(_ label: Int) -> Int { label < classCount ? correct[label] : 0 }

    /// `matrix[actual][predicted]` over ids `0..<classCount`, nil past `matrixClassLimit` classes.
    public func confusionMatrix() -> [[Int]]? {
        guard let matrix else { return nil }
        let stride = actual.count
        return (0..<classCount).map { label in
            Array(matrix[(label * stride)..<(label * stride + classCount)])
        }
    }

    private mutating func addClasses(upTo largest: Int) {
        if largest >= actual.count { reserveClasses(largest + 1) }
        classCount = largest + 1
        if classCount > Self.matrixClassLimit { matrix = nil }
    }

    private mutating func reserveClasses(_ needed: Int) {
        var capacity = max(actual.count, 4)
        while capacity < needed { capacity *= 2 }
        let oldStride = actual.count
        actual += repeatElement(0, count: capacity - oldStride)
        predicted += repeatElement(0, count: capacity - oldStride)
        correct += repeatElement(0, count: capacity - oldStride)
        guard let old = matrix, needed <= Self.matrixClassLimit else {
            matrix = nil
            return
        }
        var grown = [Int](repeating: 0, count: capacity * capacity)
        for label in 0..<oldStride {
            for prediction in 0..<oldStride {
                grown[label * capacity + prediction] = old[label * oldStride + prediction]
            }
        }
        matrix = grown
    }
}
