/// What modelgate knows of each metric's range, in one place: the ranges gate types declare on
/// their metrics (`MetricSpec.range`), then the units metric names carry by convention (`_ms`,
/// `_rate`, ...). Readers of reports ask here and keep no list of their own.
public struct MetricRanges: Sendable {
    private var exact: [String: MetricRange] = [:]
    /// Declared on a name pattern (`*_gap`, `loss_*`): the pattern without its `*`, and its side.
    private var patterns: [(affix: String, isSuffix: Bool, range: MetricRange)] = []

    /// The conventions alone: enough for a report whose gate types this modelgate does not build in.
    public static let conventional = MetricRanges()

    /// A metric's unit, from the end of its name (DESIGN.md: metric names carry their unit).
    static let unitConventions: [(suffix: String, range: MetricRange)] = [
        ("_ms", .nonNegative), ("_seconds", .nonNegative), ("_bytes", .nonNegative), ("_rps", .nonNegative),
        ("_count", .nonNegative), ("_rate", .proportion),
    ]

    public init() {}

    /// The conventions and every range the given gate types declare. Two types that declare one
    /// name differently both stay admitted (the union): a value one of them can measure is no forgery.
    public init(declaredBy gates: [any Gate.Type]) {
        for gate in gates {
            for spec in gate.descriptor.metrics {
                guard let range = spec.range else { continue }
                declare(spec.name, range)
            }
        }
    }

    /// Adds one declaration: a name, or a pattern with `*` at its start or end.
    public mutating func declare(_ name: String, _ range: MetricRange) {
        if name.hasPrefix("*") || name.hasSuffix("*") {
            let isSuffix = name.hasPrefix("*")
            let affix = String(isSuffix ? name.dropFirst() : name.dropLast())
            if let index = patterns.firstIndex(where: { $0.affix == affix && $0.isSuffix == isSuffix }) {
                patterns[index].range = Self.union(patterns[index].range, range)
            } else {
                patterns.append((affix, isSuffix, range))
            }
        } else {
            exact[name] = exact[name].map { Self.union($0, range) } ?? range
        }
    }

    /// The range of a metric as reports name it; `f1[region=north]` is in its base metric's range.
    public func range(of metric: String) -> MetricRange {
        let base = metric.firstIndex(of: "[").map { String(metric[..<$0]) } ?? metric
        if let range = exact[base] { return range }
        let matching = patterns.filter { $0.isSuffix ? base.hasSuffix($0.affix) : base.hasPrefix($0.affix) }
        if let first = matching.first {
            return matching.dropFirst().reduce(first.range) { Self.union($0, $1.range) }
        }
        return Self.unitConventions.first { base.hasSuffix($0.suffix) }?.range ?? .finite
    }

    private static func union(_ a: MetricRange, _ b: MetricRange) -> MetricRange {
        MetricRange(min(a.lowerBound, b.lowerBound), max(a.upperBound, b.upperBound))
    }
}
