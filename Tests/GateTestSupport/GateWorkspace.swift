import Foundation
import ModelGate

/// A temporary folder with data files and a pipeline holding one gate of the type under test,
/// read and run the way `modelgate run` does (real reader, real runner), so a gate's tests see
/// what a user would see. Every built-in gate's tests use it, and so does the example runner.
public final class GateWorkspace {
    public let root: String
    public let gate: any Gate.Type
    /// The pipeline's `candidate:` section, as one line of YAML.
    public var candidate = "{name: test, version: '1'}"
    /// The environment `${NAME}` reads from (a test's tokens).
    public var environment: [String: String] = [:]

    /// The pipeline file puts the gate's own options from this line on, indented this far.
    public static let firstOptionLine = 6
    public static let optionColumn = 5

    public init(_ files: [String: ExampleFile], gate: any Gate.Type) throws {
        self.gate = gate
        root = NSTemporaryDirectory() + "modelgate-\(gate.descriptor.type)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (name, file) in files { try write(name, file.bytes) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    public func write(_ name: String, _ text: String) throws { try write(name, Array(text.utf8)) }

    public func write(_ name: String, _ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: root + "/" + name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Reads a pipeline whose only gate has id `quality`, the type under test and these option lines.
    public func read(_ options: String, hasBaseline: Bool = false) throws(ConfigError) -> Pipeline {
        let lines = options.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        let text = "version: 1\ncandidate: \(candidate)\ngates:\n  - id: quality\n    type: \(gate.descriptor.type)\n"
            + lines.joined(separator: "\n") + "\n"
        let path = root + "/pipeline.yml"
        do {
            try write("pipeline.yml", text)
        } catch {
            throw ConfigError("cannot write the test pipeline: \(error)", path: path, at: .none)
        }
        return try PipelineReader(registry: GateRegistry(builtins: [gate]), environment: environment, hasBaseline: hasBaseline)
            .read(path: path)
    }

    /// Runs the gate; the report's first (only) gate is the result. `artifacts`: the candidate's
    /// artifacts as the runner hashed them before the gates (none unless a test says).
    public func report(_ options: String, artifacts: [HashedArtifact] = []) async throws -> RunReport {
        let pipeline = try read(options)
        return await PipelineRunner(toolVersion: "test", options: RunOptions()).run(pipeline, artifacts: artifacts)
    }

    public func run(_ options: String, artifacts: [HashedArtifact] = []) async throws -> GateResult {
        try await report(options, artifacts: artifacts).gates[0]
    }

    /// Runs the gate as `modelgate run --shard K/N` does for every K, writes each shard's JSON
    /// report (as `prefix-K.json`), and returns their paths.
    public func shardReports(_ options: String, count: Int, prefix: String = "shard") async throws -> [String] {
        let pipeline = try read(options)
        var paths: [String] = []
        for index in 1...count {
            guard let shard = Shard(index: index, count: count) else { throw GateFailure("no shard \(index)/\(count)") }
            let report = await PipelineRunner(toolVersion: "test", options: RunOptions(mode: .shard(shard))).run(pipeline, artifacts: [])
            let path = root + "/\(prefix)-\(index).json"
            try Data(JSONReporter().render(report).utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        return paths
    }

    /// `modelgate merge` of the shard reports at `paths`, for the pipeline with these options.
    public func merge(_ options: String, paths: [String]) async throws -> RunReport {
        let pipeline = try read(options)
        let reports = try ShardReports.read(paths: paths)
        return await PipelineRunner(toolVersion: "test", options: RunOptions(mode: .merge(reports))).run(pipeline, artifacts: [])
    }

    /// The configuration error `modelgate validate` would print, or nil when the options read.
    public func configError(_ options: String, hasBaseline: Bool = false) -> ConfigError? {
        do throws(ConfigError) {
            _ = try read(options, hasBaseline: hasBaseline)
            return nil
        } catch {
            return error
        }
    }
}

extension GateResult {
    public func metric(_ name: String) -> Double? { metrics.first { $0.name == name }?.value }

    public func check(_ name: String) -> Check? { checks.first { $0.metric == name } }
}
