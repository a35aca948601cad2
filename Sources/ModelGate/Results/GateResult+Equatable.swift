/// Equal when every field is: what a report read back is compared with the report that was written.
extension GateResult: Equatable {
    public static func == (lhs: GateResult, rhs: GateResult) -> Bool {
        // Metrics are name-value pairs, which Swift does not compare by itself.
        lhs.id == rhs.id && lhs.type == rhs.type && lhs.status == rhs.status && lhs.blocking == rhs.blocking
            && lhs.durationSeconds == rhs.durationSeconds && lhs.summary == rhs.summary
            && lhs.metrics.map(\.name) == rhs.metrics.map(\.name) && lhs.metrics.map(\.value) == rhs.metrics.map(\.value)
            && lhs.evidence == rhs.evidence && lhs.checks == rhs.checks && lhs.findings == rhs.findings
            && lhs.error == rhs.error && lhs.log == rhs.log && lhs.state == rhs.state
    }
}
