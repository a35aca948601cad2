import BuiltinGates
import ModelGate

/// `modelgate gates [TYPE]`: the built-in gate types, from their descriptors.
enum GatesCommand: Command {
    static let spec = CommandSpec(
        name: "gates",
        abstract: "List the built-in gate types, or describe one (built in, or a plug-in that answers --describe).",
        positionals: [.init(name: "type", help: "A gate type to describe.")])

    static func run(_ arguments: ParsedArguments) async -> Int32 {
        let gates = BuiltinGates.all.map { $0.descriptor }
        guard let type = arguments.positionals.first else {
            Terminal.write(GateDocumentation.listing(gates))
            return 0
        }
        if let descriptor = gates.first(where: { $0.type == type }) {
            Terminal.write(GateDocumentation.page(descriptor))
            return 0
        }
        // A plug-in documents itself through its --describe answer.
        let registry = PipelineLoading.registry(for: (try? PipelineLoading.configPath(nil)) ?? "modelgate.yml")
        if let executable = registry.pluginExecutable(for: type) {
            do throws(PluginDescriptionError) {
                if let descriptor = try PluginDescription.fetch([executable], workingDirectory: nil) {
                    Terminal.write(GateDocumentation.page(descriptor))
                    return 0
                }
                Terminal.diagnostic("plug-in \(executable) does not describe itself (it gave no answer to --describe)")
            } catch {
                Terminal.diagnostic("plug-in \(executable) \(error.message)")
            }
            return ExitCode.usage.rawValue
        }
        Terminal.diagnostic("no gate type '\(type)': not built in (\(gates.map(\.type).joined(separator: ", "))), "
                            + "and no plug-in modelgate-gate-\(type) in gates/bin or on PATH")
        return ExitCode.usage.rawValue
    }
}
