/// A condition a gate asks the engine to decide on one of its metrics (e.g. a per-slice threshold).
public struct CheckRequest: Sendable {
    /// The name shown in reports and matched by waivers: `f1`, `f1[slice=north]`.
    public var name: String
    public var metric: Metric
    public var condition: Condition

    public init(name: String, metric: Metric, condition: Condition) {
        self.name = name
        self.metric = metric
        self.condition = condition
    }
}

/// One decided condition on one metric, as reports show it.
public struct Check: Sendable, Equatable {
    public var metric: String
    public var op: Condition.Operator
    /// The condition as written: `>= baseline - 0.01`.
    public var condition: String
    public var threshold: Double
    public var actual: Double
    public var interval: ClosedRange<Double>?
    public var status: CheckStatus
    public var waiver: AppliedWaiver?
    /// Why a status is what it is when that is not obvious (an expired waiver, a Holm-adjusted decision).
    public var note: String?
}

/// A waiver as it applied to one check.
public struct AppliedWaiver: Sendable, Equatable {
    public var reason: String
    public var approvedBy: String
    public var expires: String
}
