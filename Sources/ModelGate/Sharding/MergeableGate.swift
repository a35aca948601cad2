import Document

/// A gate whose work can be split across shards of its data and merged: `modelgate run --shard K/N`
/// measures one share and writes the gate's state into the JSON report; `modelgate merge` reads
/// every shard's state and decides, with the same thresholds, what one run over all the data
/// would have decided.
///
/// Gates that are not mergeable (a latency benchmark, a plug-in) do not run in shard runs; they run
/// once, in `modelgate merge`.
public protocol MergeableGate: Gate {
    /// Measures only `shard`'s share and returns its state; decides nothing.
    func measure(_ context: GateContext, shard: Shard) async throws -> ShardMeasurement
    /// The outcome of all the data, from the state of every shard (in shard order, one each).
    /// States that do not belong together (another data file, other options) are an error.
    func merge(_ states: [GateState], _ context: GateContext) async throws -> GateOutcome
}

/// A gate's mergeable state as it travels in a shard's JSON report: a JSON object of the gate's own.
public struct GateState: Sendable, Equatable {
    public var document: Node
    /// Where the merge read it: the shard report and the gate's evidence there, so that a state
    /// that does not add up is named by its file, and its counts can be held against the evidence.
    public var origin: ShardOrigin?

    public init(_ document: Node, origin: ShardOrigin? = nil) {
        self.document = document
        self.origin = origin
    }
}

/// The shard report a state came from: `shard 2/4 (shard-2.json)`, and what its gate's entry says it measured.
public struct ShardOrigin: Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public var evidence: Evidence

    public init(description: String, evidence: Evidence) {
        self.description = description
        self.evidence = evidence
    }
}

/// What a shard run of a gate hands back: its state, and what it measured, for the shard's report.
public struct ShardMeasurement: Sendable {
    public var state: GateState
    public var evidence: Evidence
    public var summary: String

    public init(state: GateState, evidence: Evidence, summary: String) {
        self.state = state
        self.evidence = evidence
        self.summary = summary
    }
}
