/// The report formats, shared by the command line and the docs.
public enum ReportFormat: String, Sendable, CaseIterable {
    case console, json, junit, markdown, sarif

    /// A reporter of this format; `color` matters to the console only.
    public func reporter(color: Bool = false) -> any Reporter {
        switch self {
        case .console: return ConsoleReporter(color: color)
        case .json: return JSONReporter()
        case .junit: return JUnitReporter()
        case .markdown: return MarkdownReporter()
        case .sarif: return SARIFReporter()
        }
    }
}

/// Renders a run report as text: a pure function, so golden files can pin every format.
public protocol Reporter: Sendable {
    /// The report laid out in this format, before secrets are masked: only `render` calls it.
    func layout(_ report: RunReport) -> String
}

extension Reporter {
    /// The text that leaves modelgate. Every form of every secret of the run is masked here, in the
    /// finished text, so no field (nor one added later) can carry a secret past it.
    public func render(_ report: RunReport) -> String {
        report.redactor.redact(layout(report))
    }
}

/// Numbers as people read them in a report: at most four decimals, no trailing zeros.
public enum HumanNumber {
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        if abs(value) < 0.001 {
            return trimmed(String(format: "%.3g", value))
        }
        return trimmed(String(format: "%.4f", value))
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains("."), !text.contains("e") else { return text }
        var result = Substring(text)
        while result.hasSuffix("0") { result = result.dropLast() }
        if result.hasSuffix(".") { result = result.dropLast() }
        return String(result)
    }

    static func seconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.2fs", value) : String(format: "%.1fs", value)
    }

    static func interval(_ interval: ClosedRange<Double>) -> String {
        "[\(format(interval.lowerBound)), \(format(interval.upperBound))]"
    }
}

import Foundation
