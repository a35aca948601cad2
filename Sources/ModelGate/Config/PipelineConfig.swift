import Document

/// A parsed, checked pipeline file: what to gate and which gates to run, in order.
public struct PipelineConfig: Sendable {
    /// The only schema version this build reads; a newer file is refused rather than half-read.
    public static let supportedVersion = 1

    public var path: String
    /// The folder relative paths in the file resolve against: the file's own folder.
    public var baseDirectory: String
    public var sha256: String
    public var candidate: CandidateConfig
    public var gates: [GateConfig]
    public var waivers: [Waiver]
    /// The document as written, before `${NAME}` interpolation (so it holds no secret), for
    /// `modelgate config --json`.
    public var document: Node
}

/// The model under test, as the pipeline file describes it.
public struct CandidateConfig: Sendable {
    public var name: String
    public var version: String
    public var artifacts: [ArtifactReference]
    public var predictor: PredictorConfig?
}

public struct ArtifactReference: Sendable {
    /// As written in the file (reports show this).
    public var path: String
    public var location: SourceLocation
}

/// How gates obtain predictions from the candidate: `command` or `http`; `onnx` is refused at
/// configuration time rather than silently ignored.
public struct PredictorConfig: Sendable {
    public var type: String
    /// `command`: the program and its arguments (a relative program path is relative to the pipeline file).
    public var command: [String]
    /// The data columns (CSV) or dotted paths (JSON Lines) sent to the model, by name.
    public var inputs: [String]
    /// Rows per predictor call: memory holds one batch (and without `persistent`, the program
    /// starts once per batch).
    public var batchSize: Int
    /// `command`: one process for the whole gate, answering batch after batch, instead of one per batch.
    public var persistent: Bool
    /// The mapping as written, for plug-ins.
    public var options: Node
    /// `http`: the endpoint, protocol and its options.
    public var http: HTTPPredictorConfig?

    public static let defaultBatchSize = 10_000

    public init(type: String, command: [String], inputs: [String], batchSize: Int, persistent: Bool = false, options: Node,
                http: HTTPPredictorConfig? = nil) {
        self.type = type
        self.command = command
        self.inputs = inputs
        self.batchSize = batchSize
        self.persistent = persistent
        self.options = options
        self.http = http
    }
}

/// One gate entry of the pipeline.
public struct GateConfig: Sendable {
    public var id: String
    public var type: String
    public var blocking: Bool
    public var timeout: Duration
    public var needs: [String]
    public var thresholds: [ThresholdConfig]
    public var decide: DecisionMode
    public var confidence: Double
    /// The type's own options: every key not common to all gates.
    public var options: Node
    public var location: SourceLocation
}

/// `metric: "condition"` from a gate's `thresholds:`.
public struct ThresholdConfig: Sendable {
    public var metric: String
    public var condition: Condition
    public var location: SourceLocation
}

/// How a check with an interval decides: on the point value, or on the whole interval.
public enum DecisionMode: String, Sendable, CaseIterable {
    case point, interval
}

/// A pipeline-file waiver: a failing check let through, with who, why, and until when.
public struct Waiver: Sendable, Equatable {
    public var gate: String
    public var check: String
    public var reason: String
    public var approvedBy: String
    /// `YYYY-MM-DD`; the waiver applies through the end of that day (UTC).
    public var expires: String
    public var location: SourceLocation
}
