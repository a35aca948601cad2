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

/// `modelgate config --json`: the parsed document, as JSON.
enum ConfigCommand: Command {
    static let spec = CommandSpec(
        name: "config",
        abstract: "Print the parsed pipeline configuration document as JSON.",
        discussion: "The pipeline is checked first. ${NAME} references are printed as written, never their values.",
        options: [PipelineLoading.configOption, .flag("json", help: "Print as JSON (the only format for now).")])

    static func run(_ arguments: ParsedArguments) async -> Int32 {
        guard arguments.flag("json") else {
            Terminal.error("Error: Missing '--json' (the only output format)\nUsage: \(spec.usage)\n")
            return ExitCode.usage.rawValue
        }
        guard let pipeline = PipelineLoading.load(arguments.value("config"), hasBaseline: true) else {
            return ExitCode.usage.rawValue
        }
        Terminal.write(ConfigDocument.json(pipeline.config.document) + "\n")
        return ExitCode.allowed.rawValue
    }
}

/// `modelgate version`.
enum VersionCommand: Command {
    static let spec = CommandSpec(name: "version", abstract: "Print the version of modelgate.")

    static func run(_ arguments: ParsedArguments) async -> Int32 {
        Terminal.write(ModelGateVersion.current + "\n")
        return 0
    }
}
