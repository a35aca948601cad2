/// The values a metric can take by its meaning: a proportion lies in [0, 1], a latency in
/// milliseconds is never negative. A value outside its metric's range was not measured; it was
/// made up, or a report was edited, and modelgate refuses it wherever it reads one back.
public struct MetricRange: Sendable, Equatable, CustomStringConvertible {
    public let lowerBound: Double
    public let upperBound: Double

    /// Bounds that are not finite are clamped to the finite doubles: no metric value is infinite.
    public init(_ lowerBound: Double, _ upperBound: Double) {
        precondition(lowerBound <= upperBound, "a metric range needs lower <= upper")
        self.lowerBound = max(lowerBound, -Double.greatestFiniteMagnitude)
        self.upperBound = min(upperBound, Double.greatestFiniteMagnitude)
    }

    /// Any finite value: what is known of a metric whose meaning modelgate does not know.
    public static let finite = MetricRange(-.infinity, .infinity)
    /// A share of something: accuracy, recall, an error rate, an AUC.
    public static let proportion = MetricRange(0, 1)
    /// A size, a duration, a count, a loss.
    public static let nonNegative = MetricRange(0, .infinity)
    /// A correlation or agreement coefficient (Matthews, Cohen's kappa).
    public static let correlation = MetricRange(-1, 1)
    /// A coefficient of determination: 1 at best, any finite value below.
    public static let atMostOne = MetricRange(-.infinity, 1)

    public func admits(_ value: Double) -> Bool {
        value.isFinite && value >= lowerBound && value <= upperBound
    }

    /// `a proportion in [0, 1]`, `a value >= 0`: the words an error message uses.
    public var description: String {
        switch (lowerBound == -.greatestFiniteMagnitude, upperBound == .greatestFiniteMagnitude) {
        case (true, true): return "a finite number"
        case (false, true): return "a number >= \(HumanNumber.format(lowerBound))"
        case (true, false): return "a number <= \(HumanNumber.format(upperBound))"
        case (false, false):
            let bounds = "[\(HumanNumber.format(lowerBound)), \(HumanNumber.format(upperBound))]"
            return self == .proportion ? "a proportion in \(bounds)" : "a number in \(bounds)"
        }
    }
}
