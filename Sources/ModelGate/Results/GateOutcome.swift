/// What a gate hands back from `run`: its measurements. The engine turns them into a `GateResult`
/// by deciding the configured thresholds and the gate's own check requests.
public struct GateOutcome: Sendable {
    public var metrics: [Metric]
    public var evidence: Evidence
    public var checks: [CheckRequest]
    public var findings: [Finding]
    /// The gate's own judgement beside its thresholds (a gate that fails on critical findings).
    public var status: GateStatus
    public var summary: String
    /// What the gate measured in a form a later run can read back (a latency gate's histograms),
    /// kept in the JSON report; nil for most gates.
    public var state: GateState?

    public init(metrics: [Metric] = [], evidence: Evidence, checks: [CheckRequest] = [], findings: [Finding] = [],
                status: GateStatus = .pass, summary: String, state: GateState? = nil) {
        self.metrics = metrics
        self.evidence = evidence
        self.checks = checks
        self.findings = findings
        self.status = status
        self.summary = summary
        self.state = state
    }
}

/// One gate's entry in the run report.
public struct GateResult: Sendable {
    public var id: String
    public var type: String
    public var status: GateStatus
    public var blocking: Bool
    public var durationSeconds: Double
    public var summary: String
    public var metrics: [(name: String, value: Double)]
    public var evidence: Evidence
    public var checks: [Check]
    public var findings: [Finding]
    public var error: String?
    /// What the gate (or an external plug-in's stderr) logged, cut to a bounded size.
    public var log: String?
    /// A shard run's mergeable state (status `partial`), for `modelgate merge`.
    public var state: GateState?

    public init(id: String, type: String, status: GateStatus, blocking: Bool, durationSeconds: Double = 0,
                summary: String, metrics: [(name: String, value: Double)] = [], evidence: Evidence = Evidence(),
                checks: [Check] = [], findings: [Finding] = [], error: String? = nil, log: String? = nil) {
        self.id = id
        self.type = type
        self.status = status
        self.blocking = blocking
        self.durationSeconds = durationSeconds
        self.summary = summary
        self.metrics = metrics
        self.evidence = evidence
        self.checks = checks
        self.findings = findings
        self.error = error
        self.log = log
    }
}
