import Foundation
import ModelGate

/// One `--report FORMAT[:PATH]`: a format, and a file or stdout.
struct ReportDestination {
    var format: ReportFormat
    var path: String?

    /// The requested reports; with none, the console report on stdout. At most one report may use stdout.
    static func parse(_ values: [String], quiet: Bool, spec: CommandSpec) throws(UsageError) -> [ReportDestination] {
        var destinations: [ReportDestination] = []
        for value in values {
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            guard let name = parts.first, let format = ReportFormat(rawValue: name) else {
                throw UsageError(message: "Unknown report format '\(value)'; expected one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")), optionally with :PATH",
                                 command: spec)
            }
            let path = parts.count > 1 ? parts[1] : nil
            if path?.isEmpty == true { throw UsageError(message: "Empty path in '--report \(value)'", command: spec) }
            destinations.append(ReportDestination(format: format, path: path))
        }
        let toStdout = destinations.filter { $0.path == nil }
        if toStdout.count > 1 {
            throw UsageError(message: "Only one report can go to stdout; give the others a path, like json:report.json", command: spec)
        }
        if toStdout.isEmpty && !quiet {
            destinations.insert(ReportDestination(format: .console, path: nil), at: 0)
        }
        if quiet { destinations.removeAll { $0.path == nil && $0.format == .console } }
        return destinations
    }

    func write(_ report: RunReport, color: Bool) throws {
        let text = format.reporter(color: path == nil && color).render(report)
        guard let path else {
            Terminal.write(text)
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        // Write beside, then rename: a reader never sees half a report.
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
