import Document
import Foundation

/// The metrics of an earlier run's JSON report (`--baseline`), by gate id and metric name.
public struct BaselineReport: Sendable {
    public var path: String
    public var metrics: [String: [String: Double]]

    public init(path: String, metrics: [String: [String: Double]]) {
        self.path = path
        self.metrics = metrics
    }

    /// Reads a modelgate JSON report; anything else is a located error, never an empty baseline.
    public static func read(path: String) throws(ConfigError) -> BaselineReport {
        // Through DocumentReader: a regular file within its cap, checked before anything is read.
        let bytes: [UInt8]
        do throws(DocumentFileError) {
            bytes = try DocumentReader.readFile(path, maxSize: DocumentReader.maxFileSize)
        } catch {
            throw ConfigError("baseline report cannot be read: \(error)", path: path, at: .none)
        }
        return try parse(bytes, path: path)
    }

    public static func parse(_ bytes: [UInt8], path: String) throws(ConfigError) -> BaselineReport {
        let document: Node
        do throws(DocumentError) {
            document = try JSONReader.read(bytes)
        } catch {
            throw ConfigError("baseline report is not valid JSON: \(error.message)", path: path, at: error.location)
        }
        guard case .int(let version)? = document["schemaVersion"]?.value else {
            throw ConfigError("not a modelgate JSON report: no 'schemaVersion'", path: path, at: document.location)
        }
        guard version == RunReport.schemaVersion else {
            throw ConfigError("baseline report has schemaVersion \(version); this modelgate reads \(RunReport.schemaVersion)",
                              path: path, at: document["schemaVersion"]!.location)
        }
        guard let gates = document["gates"]?.arrayValue else {
            throw ConfigError("baseline report has no 'gates' list", path: path, at: document.location)
        }
        var metrics: [String: [String: Double]] = [:]
        for gate in gates {
            guard let id = gate["id"]?.stringValue else {
                throw ConfigError("a gate in the baseline report has no 'id'", path: path, at: gate.location)
            }
            var values: [String: Double] = [:]
            for member in gate["metrics"]?.objectValue ?? [] {
                guard let value = member.value.numberValue else {
                    throw ConfigError("baseline metric '\(member.key)' of gate '\(id)' is not a number", path: path, at: member.value.location)
                }
                values[member.key] = value
            }
            metrics[id] = values
        }
        return BaselineReport(path: path, metrics: metrics)
    }
}
