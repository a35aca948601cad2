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
        for artifact in pipeline.config.candidate.artifacts {
            let path = RelativePath.resolve(artifact.path, against: pipeline.config.baseDirectory)
            guard FileManager.default.isReadableFile(atPath: path) else {
                Terminal.diagnostic(ConfigError("artifact '\(artifact.path)' does not exist or cannot be read",
                                                path: pipeline.config.path, at: artifact.location).description)
                return ExitCode.usage.rawValue
            }
        }
        let gates = pipeline.gates.map { "\($0.config.id) (\($0.config.type))" }.joined(separator: ", ")
        Terminal.write("\(pipeline.config.path): valid, \(pipeline.gates.count) gate\(pipeline.gates.count == 1 ? "" : "s"): \(gates)\n")
        return ExitCode.allowed.rawValue
    }
}
