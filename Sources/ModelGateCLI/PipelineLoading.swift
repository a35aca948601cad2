import BuiltinGates
import Foundation
import ModelGate

/// Finding and reading the pipeline file, shared by `run`, `validate` and `config`.
enum PipelineLoading {
    static let defaultPaths = ["gates/pipeline.yml", "modelgate.yml"]

    static let configOption = CommandSpec.OptionSpec(
        name: "config", value: "path", help: "The pipeline file (YAML or JSON).", defaultText: "gates/pipeline.yml, else modelgate.yml")

    /// The given path, or the first default that exists.
    static func configPath(_ given: String?) throws(ConfigError) -> String {
        if let given { return given }
        if let found = defaultPaths.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
        throw ConfigError("no pipeline file here (looked for \(defaultPaths.joined(separator: " and "))); pass --config PATH or run 'modelgate init'",
                          path: "modelgate", at: .none)
    }

    /// What the built-in gates declare of their metrics' ranges, against which reports read back
    /// (`--baseline`, the shard reports of `merge`) are checked.
    static let metricRanges = MetricRanges(declaredBy: BuiltinGates.all)

    /// Built-in gates, then plug-ins in `bin/` beside the pipeline file and in `gates/bin/`, then PATH.
    static func registry(for configPath: String) -> GateRegistry {
        let folder = (configPath as NSString).deletingLastPathComponent
        var directories = [((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("bin")]
        if !directories.contains("gates/bin") { directories.append("gates/bin") }
        return GateRegistry(builtins: BuiltinGates.all, pluginDirectories: directories)
    }

    /// Reads and checks the pipeline, printing the located error on failure.
    static func load(_ given: String?, hasBaseline: Bool) -> Pipeline? {
        do throws(ConfigError) {
            let path = try configPath(given)
            if let problem = InputFile.problem(path) { throw ConfigError(problem, path: path, at: .none) }
            let pipeline = try PipelineReader(registry: registry(for: path), hasBaseline: hasBaseline).read(path: path)
            // From here on everything printed masks this pipeline's secrets (`Terminal`).
            Terminal.redactor.withLock { $0 = pipeline.redactor }
            return pipeline
        } catch {
            Terminal.diagnostic(error.description)
            return nil
        }
    }
}
