import Document
import Foundation

/// The JSON reports of a sharded run's jobs, as `modelgate merge` takes them: checked to be one
/// whole (every shard 1..N exactly once, the same pipeline file, candidate and modelgate), with
/// each mergeable gate's state per shard. Anything else is a located error, never a partial merge.
public struct ShardReports: Sendable {
    /// The shard reports' paths, in shard order (shard 1 first).
    public let paths: [String]
    public let toolVersion: String
    public let configSHA256: String
    public let artifacts: [HashedArtifact]
    private let entries: [[String: Entry]]

    public var count: Int { paths.count }

    /// One gate's entry in one shard's report.
    struct Entry: Sendable {
        var type: String
        var status: String
        var summary: String
        var error: String?
        var state: GateState?
    }

    /// Reads the reports (in any order) and checks that they make one whole.
    public static func read(paths: [String]) throws(ConfigError) -> ShardReports {
        guard !paths.isEmpty else { throw ConfigError("no shard reports given", path: "modelgate merge", at: .none) }
        var shards: [(path: String, report: OneReport)] = []
        for path in paths {
            // Through DocumentReader: a regular file within its cap, checked before anything is read.
            let bytes: [UInt8]
            do throws(DocumentFileError) {
                bytes = try DocumentReader.readFile(path, maxSize: DocumentReader.maxFileSize)
            } catch {
                throw ConfigError("shard report cannot be read: \(error)", path: path, at: .none)
            }
            shards.append((path, try OneReport.parse(bytes, path: path)))
        }
        let first = shards[0]
        for (path, report) in shards.dropFirst() {
            func differs(_ what: String, _ mine: String, _ theirs: String) -> ConfigError {
                ConfigError("this shard report has \(what) \(mine), but \(first.path) has \(theirs): "
                            + "every shard of a run must come from the same pipeline file, candidate and modelgate",
                            path: path, at: .none)
            }
            if report.count != first.report.count {
                throw ConfigError("this is shard \(report.index)/\(report.count), but \(first.path) is shard "
                                  + "\(first.report.index)/\(first.report.count): the reports come from different splits",
                                  path: path, at: .none)
            }
            if report.toolVersion != first.report.toolVersion {
                throw differs("modelgate version", report.toolVersion, first.report.toolVersion)
            }
            if report.configSHA256 != first.report.configSHA256 {
                throw differs("pipeline file sha256", report.configSHA256, first.report.configSHA256)
            }
            if report.artifacts != first.report.artifacts {
                throw differs("candidate artifacts", describe(report.artifacts), describe(first.report.artifacts))
            }
        }
        let count = first.report.count
        var byIndex: [Int: (path: String, report: OneReport)] = [:]
        for shard in shards {
            if let earlier = byIndex[shard.report.index] {
                throw ConfigError("shard \(shard.report.index)/\(count) is given twice: here and in \(earlier.path)",
                                  path: shard.path, at: .none)
            }
            byIndex[shard.report.index] = shard
        }
        guard byIndex.count == count else {
            // Named up to ten: the count comes from the reports, and may be large.
            let missing = (1...count).lazy.filter { byIndex[$0] == nil }.prefix(10).map { "\($0)/\(count)" }
            let absent = count - byIndex.count
            throw ConfigError("the shard reports are shards of \(count), but \(absent) "
                              + (absent == 1 ? "is" : "are") + " missing (\(missing.joined(separator: ", "))"
                              + (absent > 10 ? ", …" : "") + "): a merge needs every shard",
                              path: "modelgate merge", at: .none)
        }
        let ordered = (1...count).map { byIndex[$0]! }
        return ShardReports(paths: ordered.map(\.path), toolVersion: first.report.toolVersion,
                            configSHA256: first.report.configSHA256, artifacts: first.report.artifacts,
                            entries: ordered.map(\.report.gates))
    }

    /// Checks that the shards gated what this merge gates: the same pipeline file, candidate
    /// artifacts and modelgate version (a state's encoding is the version's own).
    public func check(configPath: String, configSHA256: String, artifacts: [HashedArtifact], toolVersion: String) throws(ConfigError) {
        if configSHA256 != self.configSHA256 {
            throw ConfigError("the shard reports were made with another version of this pipeline file (sha256 "
                              + "\(self.configSHA256.prefix(12))…, now \(configSHA256.prefix(12))…)", path: configPath, at: .none)
        }
        if artifacts != self.artifacts {
            throw ConfigError("the shard reports gated other candidate artifacts (\(Self.describe(self.artifacts))) than "
                              + "the pipeline's now (\(Self.describe(artifacts)))", path: configPath, at: .none)
        }
        if toolVersion != self.toolVersion {
            throw ConfigError("the shard reports were made by modelgate \(self.toolVersion); this is \(toolVersion): "
                              + "merge with the version that made them", path: paths[0], at: .none)
        }
    }

    /// Every shard's state of gate `id`, in shard order; why not, when a shard did not measure it.
    func states(ofGate id: String, type: String) throws(GateFailure) -> [GateState] {
        var states: [GateState] = []
        for (index, gates) in entries.enumerated() {
            let shard = "shard \(index + 1)/\(count) (\(paths[index]))"
            guard let entry = gates[id] else { throw GateFailure("\(shard) has no gate '\(id)'") }
            guard entry.type == type else {
                throw GateFailure("gate '\(id)' is type '\(entry.type)' in \(shard), but '\(type)' in the pipeline")
            }
            switch entry.status {
            case GateStatus.partial.rawValue:
                guard let state = entry.state else { throw GateFailure("\(shard) has no state for gate '\(id)'") }
                states.append(state)
            case GateStatus.skipped.rawValue:
                throw GateFailure("gate '\(id)' did not run in \(shard): \(entry.summary)")
            default:
                throw GateFailure("gate '\(id)' could not measure its share in \(shard): \(entry.error ?? entry.summary)")
            }
        }
        return states
    }

    private static func describe(_ artifacts: [HashedArtifact]) -> String {
        artifacts.isEmpty ? "none" : artifacts.map { "\($0.path) \($0.sha256.prefix(12))…" }.joined(separator: ", ")
    }
}

/// The parts of one shard report a merge needs.
private struct OneReport {
    var index: Int
    var count: Int
    var toolVersion: String
    var configSHA256: String
    var artifacts: [HashedArtifact]
    var gates: [String: ShardReports.Entry]

    static func parse(_ bytes: [UInt8], path: String) throws(ConfigError) -> OneReport {
        let document: Node
        do throws(DocumentError) {
            document = try JSONReader.read(bytes)
        } catch {
            throw ConfigError("shard report is not valid JSON: \(error.message)", path: path, at: error.location)
        }
        func fail(_ message: String, _ node: Node?) -> ConfigError {
            ConfigError(message, path: path, at: node?.location ?? document.location)
        }
        guard case .int(let version)? = document["schemaVersion"]?.value else {
            throw fail("not a modelgate JSON report: no 'schemaVersion'", document)
        }
        guard version == RunReport.schemaVersion else {
            throw fail("shard report has schemaVersion \(version); this modelgate reads \(RunReport.schemaVersion)", document["schemaVersion"])
        }
        guard let shard = document["shard"] else {
            throw fail("not a shard report: no 'shard' (shard reports are the JSON reports of `modelgate run --shard K/N`)", document)
        }
        guard case .int(let index)? = shard["index"]?.value, case .int(let count)? = shard["count"]?.value,
              Shard(index: index, count: count) != nil else {
            throw fail("'shard' must be {\"index\": K, \"count\": N} with 1 <= K <= N <= \(Shard.maximumCount)", shard)
        }
        guard let toolVersion = document["tool"]?["version"]?.stringValue else { throw fail("no 'tool.version'", document["tool"]) }
        guard let configSHA = document["config"]?["sha256"]?.stringValue else { throw fail("no 'config.sha256'", document["config"]) }
        guard let artifactNodes = document["candidate"]?["artifacts"]?.arrayValue else {
            throw fail("no 'candidate.artifacts' list", document["candidate"])
        }
        var artifacts: [HashedArtifact] = []
        for node in artifactNodes {
            guard let artifactPath = node["path"]?.stringValue, let sha = node["sha256"]?.stringValue,
                  case .int(let size)? = node["bytes"]?.value else {
                throw fail("an artifact needs 'path', 'sha256' and 'bytes'", node)
            }
            artifacts.append(HashedArtifact(path: artifactPath, sha256: sha, bytes: size))
        }
        guard let gateNodes = document["gates"]?.arrayValue else { throw fail("no 'gates' list", document) }
        var gates: [String: ShardReports.Entry] = [:]
        for node in gateNodes {
            guard let id = node["id"]?.stringValue, let type = node["type"]?.stringValue,
                  let status = node["status"]?.stringValue else {
                throw fail("a gate needs 'id', 'type' and 'status'", node)
            }
            guard gates[id] == nil else { throw fail("gate '\(id)' appears twice", node) }
            var state: GateState?
            if let stateNode = node["state"] {
                guard stateNode.objectValue != nil else { throw fail("the 'state' of gate '\(id)' must be an object", stateNode) }
                state = GateState(stateNode)
            }
            gates[id] = ShardReports.Entry(type: type, status: status, summary: node["summary"]?.stringValue ?? "",
                                           error: node["error"]?.stringValue, state: state)
        }
        return OneReport(index: index, count: count, toolVersion: toolVersion, configSHA256: configSHA,
                         artifacts: artifacts, gates: gates)
    }
}
