import Foundation
import ModelGate

/// One `--report FORMAT[:PATH]`: a format, and where it goes.
struct ReportDestination {
    var format: ReportFormat
    /// As given; nil for stdout.
    var path: String?
    var target: ReportTarget

    /// The requested reports; with none, the console report on stdout. At most one report may go
    /// to stdout (a path naming stdout, like /dev/stdout, counts), no two to one file, and no path
    /// may be empty (an unset variable in `json:$OUT` must not send the report to stdout).
    static func parse(_ values: [String], quiet: Bool, spec: CommandSpec) throws(UsageError) -> [ReportDestination] {
        var destinations: [ReportDestination] = []
        for value in values {
            let colon = value.firstIndex(of: ":")
            let name = colon.map { String(value[..<$0]) } ?? value
            guard let format = ReportFormat(rawValue: name) else {
                throw UsageError(message: "Unknown report format '\(value)'; expected one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")), optionally with :PATH",
                                 command: spec)
            }
            guard let colon else {
                destinations.append(ReportDestination(format: format, path: nil, target: .descriptor(STDOUT_FILENO)))
                continue
            }
            let path = String(value[value.index(after: colon)...])
            if path.isEmpty { throw UsageError(message: "Empty path in '--report \(value)' (an unset variable?); give a file, or no ':' for stdout", command: spec) }
            do throws(ReportTarget.Refusal) {
                destinations.append(ReportDestination(format: format, path: path, target: try ReportTarget.resolve(path)))
            } catch {
                throw UsageError(message: "Cannot write the \(name) report: \(error.message)", command: spec)
            }
        }
        let toStdout = destinations.filter { $0.target == .descriptor(STDOUT_FILENO) }
        if toStdout.count > 1 {
            throw UsageError(message: "Only one report can go to stdout; give the others a path, like json:report.json", command: spec)
        }
        var seen: [FileIdentity: String] = [:]
        for destination in destinations {
            guard let identity = destination.target.identity else { continue }
            if let earlier = seen[identity] {
                throw UsageError(message: "Two reports would be written to one file: '\(earlier)' and '\(destination.label)'", command: spec)
            }
            seen[identity] = destination.label
        }
        if toStdout.isEmpty && !quiet {
            destinations.insert(ReportDestination(format: .console, path: nil, target: .descriptor(STDOUT_FILENO)), at: 0)
        }
        if quiet { destinations.removeAll { $0.path == nil && $0.format == .console } }
        return destinations
    }

    /// How the user wrote it, for messages.
    var label: String { path.map { "\(format.rawValue):\($0)" } ?? "\(format.rawValue) (stdout)" }

    /// Where it goes, for messages.
    var place: String { path ?? "stdout" }

    /// Files are written first, then FIFOs and devices (opening a FIFO waits for its reader), then
    /// stdout and stderr, so a stream that blocks or has gone cannot cost a file report.
    var writeOrder: Int {
        switch target {
        case .file: 0
        case .stream: 1
        case .descriptor: 2
        }
    }

    func write(_ report: RunReport, color: Bool) throws(ReportFile.WriteError) {
        let colored = target == .descriptor(STDOUT_FILENO) && path == nil && color
        try ReportFile.write(Array(format.reporter(color: colored).render(report).utf8), to: target)
    }
}
