import Document
import Digest
import Foundation

/// Reads and checks a pipeline file, top to bottom, stopping at the first problem with its place.
public struct PipelineReader: Sendable {
    public var registry: GateRegistry
    public var environment: [String: String]
    /// Whether `--baseline` was given: conditions on `baseline` need it.
    public var hasBaseline: Bool

    public init(registry: GateRegistry, environment: [String: String] = ProcessInfo.processInfo.environment,
                hasBaseline: Bool = false) {
        self.registry = registry
        self.environment = environment
        self.hasBaseline = hasBaseline
    }

    /// Larger pipeline files are refused before a byte of them is read (README: configuration).
    /// A pipeline of 20,000 gates and as many waivers is about 5 MiB; reading the largest file
    /// accepted takes about 120 MB, where 50 MB of waivers once took 1.1 GB.
    public static let maxFileSize = 8 << 20

    public func read(path: String) throws(ConfigError) -> Pipeline {
        let bytes: [UInt8]
        do throws(DocumentFileError) {
            bytes = try DocumentReader.readFile(path, maxSize: Self.maxFileSize)
        } catch {
            throw ConfigError(Self.describe(error), path: path, at: .none)
        }
        return try read(bytes: bytes, path: path)
    }

    public func read(bytes: [UInt8], path: String) throws(ConfigError) -> Pipeline {
        guard bytes.count <= Self.maxFileSize else {
            throw ConfigError(Self.describe(.tooLarge(size: bytes.count, limit: Self.maxFileSize)), path: path, at: .none)
        }
        let document: Node
        do throws(DocumentError) {
            document = try DocumentReader.read(bytes, path: path)
        } catch {
            var message = error.message
            // `f1: >= 0.85` unquoted is a YAML folded block scalar, not a condition: say how to write it.
            if message.contains("after the block scalar indicator") {
                message += " (a condition starting with '>' must be quoted: f1: \">= 0.85\")"
            }
            throw ConfigError(message, path: path, at: error.location)
        }
        var interpolation = EnvironmentInterpolation(environment: environment)
        let resolved = try interpolation.apply(to: document, path: path)
        do throws(ConfigError) {
            return try read(resolved, document: document, bytes: bytes, path: path, secrets: interpolation.secrets)
        } catch {
            // Errors after interpolation may quote a value ("must be a number, got ..."): mask secrets.
            var masked = error
            masked.message = SecretRedactor(secrets: interpolation.secrets).redact(error.message)
            throw masked
        }
    }

    private func read(_ resolved: Node, document: Node, bytes: [UInt8], path: String, secrets: [String]) throws(ConfigError) -> Pipeline {
        let baseDirectory = Self.directory(of: path)

        var top = try MappingReader(resolved, path: path, context: "the pipeline file")
        try readVersion(&top)
        let candidate = try readCandidate(try top.requiredNode("candidate"), path: path, secrets: secrets)
        let gatesNode = try top.requiredNode("gates")
        let waiversNode = top.optionalNode("waivers")
        try top.finish()

        guard let entries = gatesNode.arrayValue, !entries.isEmpty else {
            throw ConfigError("'gates' must be a non-empty list of gates; a pipeline with no gates would pass anything",
                              path: path, at: gatesNode.location)
        }
        let gateReader = GateConfigReader(path: path, baseDirectory: baseDirectory, registry: registry, hasBaseline: hasBaseline)
        var gates: [(config: GateConfig, gate: any Gate)] = []
        // Every id seen so far: checking ids and needs stays linear in the number of gates.
        var earlierIDs: Set<String> = []
        for (index, entry) in entries.enumerated() {
            let (config, gate) = try gateReader.read(entry, index: index)
            guard earlierIDs.insert(config.id).inserted else {
                throw ConfigError("duplicate gate id '\(config.id)': ids must be unique (they name gates in --only, --skip and reports)",
                                  path: path, at: entry["id"]?.location ?? entry.location)
            }
            for need in config.needs where need == config.id || !earlierIDs.contains(need) {
                throw ConfigError(Self.unmetNeedMessage(config.id, needs: need, laterEntries: entries[(index + 1)...]),
                                  path: path, at: entry["needs"]?.location ?? entry.location)
            }
            if let request = gate.predictorRequest, candidate.predictor == nil {
                throw ConfigError("gate '\(config.id)' asks for the candidate's predictor, but the candidate has none: add candidate.predictor",
                                  path: path, at: request)
            }
            gates.append((config, gate))
        }
        let waivers = try readWaivers(waiversNode, gateIDs: earlierIDs, path: path)

        let config = PipelineConfig(path: path, baseDirectory: baseDirectory, sha256: SHA256.hex(SHA256.hash(bytes)),
                                    candidate: candidate, gates: gates.map(\.config), waivers: waivers,
                                    document: document)
        return Pipeline(config: config, gates: gates, redactor: SecretRedactor(secrets: secrets))
    }

    /// Why gate `id` cannot run after `need`; looks through the later entries once, on this error only.
    private static func unmetNeedMessage(_ id: String, needs need: String, laterEntries: ArraySlice<Node>) -> String {
        if need == id { return "gate '\(id)' needs itself; a gate can only need gates listed before it" }
        if laterEntries.contains(where: { $0["id"]?.stringValue == need }) {
            return "gate '\(id)' needs '\(need)', which runs after it; list '\(need)' first"
        }
        return "gate '\(id)' needs '\(need)', but there is no gate with that id"
    }

    private static func describe(_ error: DocumentFileError) -> String {
        switch error {
        case .missing: return "no such pipeline file"
        case .isDirectory: return "is a folder, not a pipeline file"
        case .notRegularFile: return "is not a regular file (a pipe, device or socket); a pipeline must be a file"
        case .tooLarge(let size, let limit):
            let sizes = DocumentFileError.describeSizes(size, limit: limit)
            return "is \(sizes.size), larger than the \(sizes.limit) a pipeline file may be; it was not read"
        case .unreadable: return error.description
        }
    }

    private func readVersion(_ top: inout MappingReader) throws(ConfigError) {
        let node = try top.requiredNode("version")
        guard case .int(let version) = node.value else {
            throw top.error("'version' must be the schema version number, 1", at: node)
        }
        guard version <= PipelineConfig.supportedVersion else {
            throw top.error("pipeline schema version \(version) is newer than this modelgate reads (\(PipelineConfig.supportedVersion)); upgrade modelgate", at: node)
        }
        guard version >= 1 else { throw top.error("'version' must be 1", at: node) }
    }

    private func readCandidate(_ node: Node, path: String, secrets: [String]) throws(ConfigError) -> CandidateConfig {
        var reader = try MappingReader(node, path: path, context: "candidate")
        let name = try reader.requiredString("name")
        let version = try reader.requiredString("version")
        var artifacts: [ArtifactReference] = []
        if let list = reader.optionalNode("artifacts"), !list.isNull {
            let items = list.arrayValue ?? [list]
            for item in items {
                guard let text = item.stringValue, !text.isEmpty else {
                    throw reader.error("each artifact must be a file path, got \(item.kindDescription)", at: item)
                }
                artifacts.append(ArtifactReference(path: text, location: item.location))
            }
        }
        var predictor: PredictorConfig?
        if let predictorNode = reader.optionalNode("predictor"), !predictorNode.isNull {
            predictor = try readPredictor(predictorNode, path: path, secrets: secrets)
        }
        try reader.finish()
        return CandidateConfig(name: name, version: version, artifacts: artifacts, predictor: predictor)
    }

    private func readPredictor(_ node: Node, path: String, secrets: [String]) throws(ConfigError) -> PredictorConfig {
        var reader = try MappingReader(node, path: path, context: "candidate.predictor")
        let typeNode = try reader.requiredNode("type")
        let type = try reader.requiredString("type")
        if type == "http" { return try HTTPPredictorReader(path: path, secrets: secrets).read(&reader, node: node) }
        guard type == "command" else {
            throw reader.error(type == "onnx" ? "predictor type 'onnx' is not available yet; use 'command' (a program reading JSON lines) or 'http' (a served model)"
                                              : "predictor type must be 'command' or 'http', got '\(type)'", at: typeNode)
        }
        let commandNode = try reader.requiredNode("command")
        guard let command = try reader.stringList("command"), let program = command.first, !program.isEmpty else {
            throw reader.error("'command' must name the program: [path, args...]", at: commandNode)
        }
        var resolved = command
        if program.contains("/") { resolved[0] = RelativePath.resolve(program, against: Self.directory(of: path)) }
        let inputsNode = try reader.requiredNode("inputs")
        guard let inputs = try reader.stringList("inputs"), !inputs.isEmpty else {
            throw reader.error("'inputs' must list the data columns the model reads", at: inputsNode)
        }
        let batchSize = try reader.integer("batch_size") ?? PredictorConfig.defaultBatchSize
        guard batchSize >= 1 && batchSize <= 10_000_000 else {
            throw reader.error("'batch_size' must be between 1 and 10000000 rows", at: node["batch_size"] ?? node)
        }
        let persistent = try reader.bool("persistent") ?? false
        try reader.finish()
        return PredictorConfig(type: type, command: resolved, inputs: inputs, batchSize: batchSize, persistent: persistent, options: node)
    }

    private func readWaivers(_ node: Node?, gateIDs: Set<String>, path: String) throws(ConfigError) -> [Waiver] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.arrayValue else {
            throw ConfigError("'waivers' must be a list", path: path, at: node.location)
        }
        var waivers: [Waiver] = []
        for item in items {
            var reader = try MappingReader(item, path: path, context: "waiver")
            let gate = try reader.requiredString("gate")
            let check = try reader.requiredString("check")
            let reason = try reader.requiredString("reason")
            let approvedBy = try reader.requiredString("approved_by")
            let expiresNode = try reader.requiredNode("expires")
            try reader.finish()
            guard gateIDs.contains(gate) else {
                throw reader.error("waiver names gate '\(gate)', but there is no gate with that id", at: item["gate"]!)
            }
            guard let expires = GateOptions.text(of: expiresNode), CalendarDate.isValid(expires) else {
                throw reader.error("'expires' must be a date like 2026-12-31", at: expiresNode)
            }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty, !approvedBy.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw reader.error("a waiver needs a reason and who approved it", at: item)
            }
            waivers.append(Waiver(gate: gate, check: check, reason: reason, approvedBy: approvedBy, expires: expires,
                                  location: item.location))
        }
        return waivers
    }

    static func directory(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}
