/// What a pickle scan found: the findings, worst first, and every global the stream imports.
public struct PickleScanReport: Sendable, Equatable {
    /// Worst severity first, then by offset.
    public var findings: [PickleFinding]
    /// Every distinct global, in the order of first import, with its verdict and how it is used.
    public var globals: [PickleGlobalUse]
    /// Pickles read through their STOP.
    public var pickles: Int
    /// Offset just after the last STOP read (base offset included): where a container's next part starts.
    public var end: Int
    public var bytesScanned: Int

    public var worstSeverity: FindingSeverity? { findings.map(\.severity).max() }

    /// Whether any finding is at least as severe as `threshold` (the gate's `fail_on`).
    public func fails(at threshold: FindingSeverity) -> Bool {
        findings.contains { $0.severity >= threshold }
    }
}
