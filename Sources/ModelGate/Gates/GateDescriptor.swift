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

    public init(type: String, summary: String, rationale: String, options: [OptionSpec], metrics: [MetricSpec],
                defaultTimeout: Duration, examples: [GateExample]) {
        self.type = type
        self.summary = summary
        self.rationale = rationale
        self.options = options
        self.metrics = metrics
        self.defaultTimeout = defaultTimeout
        self.examples = examples
    }

    public func option(_ key: String) -> OptionSpec? { options.first { $0.key == key } }

    /// Whether `name` is a metric this gate can report. A spec may start or end with `*` (a suffix
    /// or prefix), and a metric of one slice or class, `f1[region=north]`, is its base metric's.
    public func reports(metric name: String) -> Bool {
        let base = name.firstIndex(of: "[").map { String(name[..<$0]) } ?? name
        return metrics.contains { spec in
            if spec.name == "*" { return true }
            if spec.name.hasPrefix("*") { return base.hasSuffix(spec.name.dropFirst()) }
            if spec.name.hasSuffix("*") { return base.hasPrefix(spec.name.dropLast()) }
            return spec.name == base
        }
    }
}

/// One option of a gate type.
public struct OptionSpec: Sendable {
    public enum Kind: String, Sendable {
        case string, number, integer, boolean, duration, path, list, mapping, any

        var expectation: String {
            switch self {
            case .string: return "a string"
            case .number: return "a number"
            case .integer: return "a whole number"
            case .boolean: return "true or false"
            case .duration: return "a duration like 30s or 10m"
            case .path: return "a file path"
            case .list: return "a list"
            case .mapping: return "a mapping"
            case .any: return "a value"
            }
        }
    }

    public var key: String
    public var kind: Kind
    public var required: Bool
    /// The default as a user would write it; nil when there is none.
    public var defaultValue: String?
    public var help: String

    public init(_ key: String, _ kind: Kind, required: Bool = false, default defaultValue: String? = nil, help: String) {
        self.key = key
        self.kind = kind
        self.required = required
        self.defaultValue = defaultValue
        self.help = help
    }
}

/// A metric a gate reports, with its meaning; names are snake_case with their unit.
public struct MetricSpec: Sendable {
    public var name: String
    public var help: String
    /// The values the metric can take by its meaning; nil leaves it to the unit its name carries
    /// (`MetricRanges`). A report read back with a value outside it is refused.
    public var range: MetricRange?

    public init(_ name: String, _ help: String, range: MetricRange? = nil) {
        self.name = name
        self.help = help
        self.range = range
    }
}

/// A worked example: a gate entry, the files it reads, and the status it must end with.
/// The examples are documentation and tests at once: one test runs every example of every gate.
public struct GateExample: Sendable {
    public var title: String
    /// The gate's YAML entry, as a user would write it under `gates:` (without the `- `).
    public var yaml: String
    /// Files the example needs, by path relative to the pipeline file.
    public var files: [String: String]
    public var expectedStatus: GateStatus
    /// Metric values the run must report (to 1e-9).
    public var expectedMetrics: [String: Double]

    public init(_ title: String, yaml: String, files: [String: String] = [:], expect status: GateStatus,
                metrics: [String: Double] = [:]) {
        self.title = title
        self.yaml = yaml
        self.files = files
        self.expectedStatus = status
        self.expectedMetrics = metrics
    }
}
