import ModelGate

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
