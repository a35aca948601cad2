/// Why two metric states cannot be merged: they were configured differently.
public enum MetricStateError: Error, Equatable, CustomStringConvertible {
    case thresholdMismatch(Double, Double)
    case scoreClassCountMismatch(Int?, Int?)

    public var description: String {
        switch self {
        case let .thresholdMismatch(mine, theirs):
            return "cannot merge binary metrics made with decision thresholds \(mine) and \(theirs)"
        case let .scoreClassCountMismatch(mine, theirs):
            return "cannot merge multiclass metrics with \(Self.describe(mine)) and \(Self.describe(theirs))"
        }
    }

    private static func describe(_ width: Int?) -> String {
        width.map { "\($0) score columns" } ?? "no scores"
    }
}
