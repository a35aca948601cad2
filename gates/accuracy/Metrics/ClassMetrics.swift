/// Precision, recall and F1 of one class against the rest, with the counts behind them.
public struct ClassMetrics: Sendable, Equatable {
    public let classID: Int
    /// Rows whose label is this class (precision's trials are `predictions`, recall's `support`).
    public let support: Int
    public let predictions: Int
    public let truePositives: Int
    public let precision: Double
    public let recall: Double
    public let f1: Double
}
