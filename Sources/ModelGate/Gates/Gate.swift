import Document

/// A gate type: describes itself, checks its options before anything runs, then runs once.
///
/// `init(options:)` must reject every bad option with a located `ConfigError`, so that
/// `modelgate validate` catches mistakes before a long pipeline starts.
public protocol Gate: Sendable {
    static var descriptor: GateDescriptor { get }
    init(options: GateOptions) throws(ConfigError)
    /// The metrics this gate, as configured, reports (an accuracy gate's task decides which);
    /// thresholds on any other metric are refused before anything runs.
    var reportedMetrics: [MetricSpec] { get }
    /// Where the gate's options ask for the candidate's predictor; nil when it needs none. A
    /// pipeline whose candidate has no predictor is refused there, before anything runs.
    var predictorRequest: SourceLocation? { get }
    /// Measures and returns what was measured. Throwing means the gate could not run (an `error`).
    /// Long loops should check `Task.isCancelled` so an overrun stops promptly.
    func run(_ context: GateContext) async throws -> GateOutcome
}

extension Gate {
    public var reportedMetrics: [MetricSpec] { Self.descriptor.metrics }
    public var predictorRequest: SourceLocation? { nil }
}

/// Why a gate could not run, in words for the report; any error a gate throws is reported, this
/// one just lets a gate choose the message.
public struct GateFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
