import BuiltinGates
import ModelGate

/// `modelgate gates [TYPE]`: the built-in gate types, from their descriptors.
enum GatesCommand: Command {
    static let spec = CommandSpec(
        name: "gates",
        abstract: "List the built-in gate types, or describe one with its options and examples.",
        positionals: [.init(name: "type", help: "A gate type to describe.")])

    static func run(_ arguments: ParsedArguments) async -> Int32 {
        let gates = BuiltinGates.all.map { $0.descriptor }
        guard let type = arguments.positionals.first else {
            Terminal.write(GateDocumentation.listing(gates))
            return 0
        }
        guard let descriptor = gates.first(where: { $0.type == type }) else {
            Terminal.diagnostic("no built-in gate type '\(type)'; built-in types: \(gates.map(\.type).joined(separator: ", ")). "
                                + "Other types run as plug-ins (modelgate-gate-\(type) in gates/bin or on PATH).")
            return ExitCode.usage.rawValue
        }
        Terminal.write(GateDocumentation.page(descriptor))
        return 0
    }
}
