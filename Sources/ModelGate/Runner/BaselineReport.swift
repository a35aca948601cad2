/// The metrics of an earlier run's JSON report (`--baseline`), by gate id and metric name.
public struct BaselineReport: Sendable {
    /// A baseline is the report of a whole run: metrics, checks and findings, no shard states.
    /// Larger files are refused before they are read.
    public static let maxFileSize = 64 << 20

    public var path: String
    public var metrics: [String: [String: Double]]

    public init(path: String, metrics: [String: [String: Double]]) {
        self.path = path
        self.metrics = metrics
    }

    /// Reads a modelgate JSON report; anything else, or a value no measurement gives (by the
    /// metric's range in `ranges`), is a located error, never an empty or a doubtful baseline.
    public static func read(path: String, ranges: MetricRanges = .conventional) throws(ConfigError) -> BaselineReport {
        let report = try JSONReportReader(ranges: ranges, role: .baseline).read(path: path, maxBytes: maxFileSize)
        return BaselineReport(report, path: path)
    }

    public static func parse(_ bytes: [UInt8], path: String, ranges: MetricRanges = .conventional) throws(ConfigError) -> BaselineReport {
        BaselineReport(try JSONReportReader(ranges: ranges, role: .baseline).parse(bytes, path: path), path: path)
    }

    /// Gate ids are unique in a report the reader accepts, and metric names within a gate.
    private init(_ report: RunReport, path: String) {
        var metrics: [String: [String: Double]] = [:]
        for gate in report.gates {
            metrics[gate.id] = Dictionary(gate.metrics.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        self.init(path: path, metrics: metrics)
    }
}
