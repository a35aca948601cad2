import AccuracyGate
import Foundation
import ModelGate
import Testing

/// A temporary folder with data files and a pipeline holding one accuracy gate, read and run the
/// way `modelgate run` does (real reader, real runner), so tests see what a user would see.
final class GateWorkspace {
    let root: String
    /// The pipeline's `candidate:` section, as one line of YAML.
    var candidate = "{name: test, version: '1'}"

    /// The pipeline file puts the gate's own options from this line on, indented this far.
    static let firstOptionLine = 6
    static let optionColumn = 5

    init(_ files: [String: String]) throws {
        root = NSTemporaryDirectory() + "accuracy-gate-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (name, text) in files { try write(name, text) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + name))
    }

    /// Reads a pipeline whose only gate has id `quality`, type `accuracy` and these option lines.
    func read(_ options: String, hasBaseline: Bool = false) throws(ConfigError) -> Pipeline {
        let lines = options.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        let text = "version: 1\ncandidate: \(candidate)\ngates:\n  - id: quality\n    type: accuracy\n"
            + lines.joined(separator: "\n") + "\n"
        let path = root + "/pipeline.yml"
        try! write("pipeline.yml", text)
        return try PipelineReader(registry: GateRegistry(builtins: [AccuracyGate.self]), environment: [:], hasBaseline: hasBaseline)
            .read(path: path)
    }

    /// Runs the gate; the report's first (only) gate is the result.
    func report(_ options: String) async throws -> RunReport {
        let pipeline = try read(options)
        return await PipelineRunner(toolVersion: "test", options: RunOptions()).run(pipeline, artifacts: [])
    }

    func run(_ options: String) async throws -> GateResult {
        try await report(options).gates[0]
    }

    /// Runs the gate as `modelgate run --shard K/N` does for every K, writes each shard's JSON
    /// report (as `prefix-K.json`), and returns their paths.
    func shardReports(_ options: String, count: Int, prefix: String = "shard") async throws -> [String] {
        let pipeline = try read(options)
        var paths: [String] = []
        for index in 1...count {
            let shard = try #require(Shard(index: index, count: count))
            let report = await PipelineRunner(toolVersion: "test", options: RunOptions(mode: .shard(shard))).run(pipeline, artifacts: [])
            let path = root + "/\(prefix)-\(index).json"
            try Data(JSONReporter().render(report).utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        return paths
    }

    /// `modelgate merge` of the shard reports at `paths`, for the pipeline with these options.
    func merge(_ options: String, paths: [String]) async throws -> RunReport {
        let pipeline = try read(options)
        let reports = try ShardReports.read(paths: paths)
        return await PipelineRunner(toolVersion: "test", options: RunOptions(mode: .merge(reports))).run(pipeline, artifacts: [])
    }

    /// The configuration error `modelgate validate` would print, or nil when the options read.
    func configError(_ options: String, hasBaseline: Bool = false) -> ConfigError? {
        do throws(ConfigError) {
            _ = try read(options, hasBaseline: hasBaseline)
            return nil
        } catch {
            return error
        }
    }
}

extension GateResult {
    func metric(_ name: String) -> Double? { metrics.first { $0.name == name }?.value }

    func check(_ name: String) -> Check? { checks.first { $0.metric == name } }

    /// The error, which must be there and fit on one line (CI logs show the first line only).
    var oneLineError: String {
        guard let error else {
            Issue.record("expected an error, got status \(status): \(summary)")
            return ""
        }
        #expect(!error.contains("\n"), "error spans lines: \(error)")
        return error
    }
}

/// Equal to within rounding: the values below are exact fractions computed by hand.
func close(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance
}
