/// A threshold as a gate may act on it while it runs (the latency gate's `abort_on_fail` stops
/// the load once one can no longer be met): the metric, the operator and the number, with the
/// baseline already applied. The engine still decides every threshold after the run.
public struct ThresholdLimit: Sendable, Equatable {
    public var metric: String
    public var op: Condition.Operator
    public var value: Double

    public init(metric: String, op: Condition.Operator, value: Double) {
        self.metric = metric
        self.op = op
        self.value = value
    }
}
