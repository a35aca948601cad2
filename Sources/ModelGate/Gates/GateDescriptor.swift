import Document

/// Everything a gate type says about itself: the one place `modelgate gates`, the gate's README
/// and the example tests read from.
public struct GateDescriptor: Sendable {
    public var type: String
    /// One line: what the gate checks.
    public var summary: String
    /// Why a team would run it.
    public var rationale: String
    public var options: [OptionSpec]
    /// The metrics the gate reports, so thresholds on unknown metrics fail before anything runs.
    public var metrics: [MetricSpec]
    public var defaultTimeout: Duration
    public var examples: [GateExample]
    /// Conventions a user must know to read the gate's results, one paragraph each (how missing
    /// values are spelled, how an undefined metric appears).
    public var notes: [String]
    /// How the type's checks decide when the pipeline does not say: a gate whose metrics come
    /// with intervals decides on them by default, so a small sample cannot pass by luck.
    public var defaultDecision: DecisionMode
    /// The kinds of finding the gate reports, with their help (SARIF rules); empty for gates that
    /// only measure.
    public var rules: [FindingRule]

    public init(type: String, summary: String, rationale: String, options: [OptionSpec], metrics: [MetricSpec],
                defaultTimeout: Duration, examples: [GateExample], notes: [String] = [], defaultDecision: DecisionMode = .point,
                rules: [FindingRule] = []) {
        self.type = type
        self.summary = summary
        self.rationale = rationale
        self.options = options
        self.metrics = metrics
        self.defaultTimeout = defaultTimeout
        self.examples = examples
        self.notes = notes
        self.defaultDecision = defaultDecision
        self.rules = rules
    }

    public func option(_ key: String) -> OptionSpec? { options.first { $0.key == key } }

    /// Whether `name` is a metric this gate type can report with some options.
    public func reports(metric name: String) -> Bool { metrics.spec(for: name) != nil }
}

/// One option of a gate type, in the erased form the descriptor lists. Gates declare options as
/// typed `Option<Value>`s, which make these; plug-ins describe theirs in the same shape.
public struct OptionSpec: Sendable {
    public enum Kind: String, Sendable {
        case string, number, integer, boolean, duration, path, list, mapping, share, any

        var expectation: String {
            switch self {
            case .string: return "a string"
            case .number: return "a finite number"
            case .integer: return "a whole number"
            case .boolean: return "true or false"
            case .duration: return "a duration like 30s or 10m"
            case .path: return "a file path"
            case .list: return "a list of strings"
            case .mapping: return "a mapping"
            case .share: return "a share: a fraction from 0 to 1, or a percentage like \"5%\""
            case .any: return "a value"
            }
        }
    }

    public var key: String
    public var kind: Kind
    public var required: Bool
    /// The default as a user would write it; nil when there is none.
    public var defaultValue: String?
    /// The only values allowed, for options with a fixed set of words.
    public var allowedValues: [String]?
    /// Inclusive bounds of a number or whole number.
    public var range: ClosedRange<Double>?
    public var help: String
    /// Whether a value is of the option's type: the same test the gate's own reading makes.
    let accepts: @Sendable (Node) -> Bool

    public init(_ key: String, _ kind: Kind, required: Bool = false, default defaultValue: String? = nil,
                allowedValues: [String]? = nil, range: ClosedRange<Double>? = nil, help: String,
                accepts: @escaping @Sendable (Node) -> Bool = { _ in true }) {
        self.key = key
        self.kind = kind
        self.required = required
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.range = range
        self.help = help
        self.accepts = accepts
    }

    /// The range in words, for errors and documentation: "at least 1", "0 to 10000".
    public var rangeText: String? {
        guard let range else { return nil }
        let low = HumanNumber.format(range.lowerBound), high = HumanNumber.format(range.upperBound)
        if range.upperBound == .greatestFiniteMagnitude { return "at least \(low)" }
        if range.lowerBound == -.greatestFiniteMagnitude { return "at most \(high)" }
        return "\(low) to \(high)"
    }
}

extension ClosedRange where Bound == Double {
    /// `n...` for option ranges: every finite number from `n` up.
    public static func atLeast(_ low: Double) -> ClosedRange<Double> { low ... .greatestFiniteMagnitude }
}

/// A metric a gate reports, with its meaning; names are snake_case with their unit.
public struct MetricSpec: Sendable {
    public var name: String
    public var help: String
    /// Every value the metric can take, when its meaning bounds it (a proportion lies in [0, 1], a
    /// latency is not negative): a threshold that no such value can pass, or none can fail, is a
    /// configuration mistake, and a baseline value outside it is not a real measurement.
    /// Nil leaves it to the unit the name carries (`MetricRanges`).
    public var range: MetricRange?

    public init(_ name: String, _ help: String, range: MetricRange? = nil) {
        self.name = name
        self.help = help
        self.range = range
    }
}

extension Array where Element == MetricSpec {
    /// The spec that covers metric `name`. A spec may start or end with `*` (a suffix or prefix),
    /// and a metric of one slice or class, `f1[region=north]`, is its base metric's.
    public func spec(for name: String) -> MetricSpec? {
        let base = name.firstIndex(of: "[").map { String(name[..<$0]) } ?? name
        let bracketed = base.count < name.count
        return first { spec in
            if spec.name == "*" { return true }
            // `f1[*]`: only the metric of one class or slice, not the bare `f1`.
            if spec.name.hasSuffix("[*]") { return bracketed && spec.name.dropLast(3) == base }
            if spec.name.hasPrefix("*") { return base.hasSuffix(spec.name.dropFirst()) }
            if spec.name.hasSuffix("*") { return base.hasPrefix(spec.name.dropLast()) }
            return spec.name == base
        }
    }
}

/// A worked example: a gate entry, the files it reads, and how it must end: with a status (and
/// metric values), or refused by `modelgate validate` with a message. The examples are
/// documentation and tests at once: one test runs every example of every gate.
public struct GateExample: Sendable {
    public var title: String
    /// The gate's YAML entry, as a user would write it under `gates:` (without the `- `).
    public var yaml: String
    /// Files the example needs, by path relative to the pipeline file.
    public var files: [String: ExampleFile]
    /// The pipeline's `candidate:` section as one line of YAML, for a gate that needs the
    /// candidate's predictor; nil for a plain candidate.
    public var candidate: String?
    public var expectation: Expectation

    public enum Expectation: Sendable, Equatable {
        /// The gate runs and ends with this status, reporting these metric values (to 1e-9).
        case status(GateStatus, metrics: [String: Double])
        /// `modelgate validate` refuses the entry with a message containing this text.
        case rejected(saying: String)
    }

    public init(_ title: String, yaml: String, files: [String: ExampleFile] = [:], candidate: String? = nil,
                expect status: GateStatus, metrics: [String: Double] = [:]) {
        self.title = title
        self.yaml = yaml
        self.files = files
        self.candidate = candidate
        self.expectation = .status(status, metrics: metrics)
    }

    /// An example of a configuration the gate refuses before anything runs.
    public init(_ title: String, yaml: String, files: [String: ExampleFile] = [:], candidate: String? = nil,
                rejectedSaying message: String) {
        self.title = title
        self.yaml = yaml
        self.files = files
        self.candidate = candidate
        self.expectation = .rejected(saying: message)
    }

    public var expectedStatus: GateStatus? {
        if case .status(let status, _) = expectation { return status }
        return nil
    }

    public var expectedMetrics: [String: Double] {
        if case .status(_, let metrics) = expectation { return metrics }
        return [:]
    }
}

/// A file of an example: text, shown in the docs as it is, or bytes (a pickle, a zip), shown by
/// size and their first bytes in hex.
public enum ExampleFile: Sendable, Equatable, ExpressibleByStringLiteral {
    case text(String)
    case bytes([UInt8])

    public init(stringLiteral text: String) { self = .text(text) }

    public var bytes: [UInt8] {
        switch self {
        case .text(let text): return Array(text.utf8)
        case .bytes(let bytes): return bytes
        }
    }
}
