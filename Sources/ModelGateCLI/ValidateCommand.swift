import ChildProcess
import Foundation
import ModelGate

/// `modelgate validate`: check the pipeline, run nothing.
enum ValidateCommand: Command {
    static let spec = CommandSpec(
        name: "validate",
        abstract: "Check the pipeline file and every gate's options; run nothing.",
        discussion: "Exit 0 when the pipeline is valid, 2 with a file:line:column message when it is not.",
        options: [PipelineLoading.configOption,
                  .flag("with-baseline", help: "Accept conditions on 'baseline' (a run will be given --baseline).")])

    static func run(_ arguments: ParsedArguments) async -> Int32 {
        guard let pipeline = PipelineLoading.load(arguments.value("config"), hasBaseline: arguments.flag("with-baseline")) else {
            return ExitCode.usage.rawValue
        }
        if let error = problem(in: pipeline) {
            Terminal.diagnostic(error.description)
            return ExitCode.usage.rawValue
        }
        let gates = pipeline.gates.map { "\($0.config.id) (\($0.config.type))" }.joined(separator: ", ")
        Terminal.write("\(pipeline.config.path): valid, \(pipeline.gates.count) gate\(pipeline.gates.count == 1 ? "" : "s"): \(gates)\n")
        return ExitCode.allowed.rawValue
    }

    /// What the file's syntax cannot show but a run would trip on: artifacts that are missing or
    /// not regular files, data that is a FIFO or a device, a plug-in that cannot be started.
    static func problem(in pipeline: Pipeline) -> ConfigError? {
        let config = pipeline.config
        for artifact in config.candidate.artifacts {
            let path = RelativePath.resolve(artifact.path, against: config.baseDirectory)
            if let problem = InputFile.problem(path) {
                return ConfigError("artifact '\(artifact.path)': \(problem)", path: config.path, at: artifact.location)
            }
            guard FileManager.default.isReadableFile(atPath: path) else {
                return ConfigError("artifact '\(artifact.path)' does not exist or cannot be read", path: config.path, at: artifact.location)
            }
        }
        if let special = RunInputs(pipeline: pipeline, baselinePath: nil, shardReports: []).specialFile(configPath: config.path) {
            return special
        }
        for (gateConfig, gate) in pipeline.gates {
            guard let external = gate as? ExternalGate, let program = external.command.first else { continue }
            do throws(ChildProcess.LaunchError) {
                _ = try ChildProcess.executablePath(for: program)
            } catch {
                return ConfigError("the plug-in command of gate '\(gateConfig.id)' cannot run: \(error)", path: config.path,
                                   at: gateConfig.options["command"]?.location ?? gateConfig.location)
            }
        }
        return nil
    }
}
