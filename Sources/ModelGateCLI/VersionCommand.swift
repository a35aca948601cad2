import ModelGate

/// `modelgate version`.
enum VersionCommand: Command {
    static let spec = CommandSpec(name: "version", abstract: "Print the version of modelgate.")

    static func run(_ arguments: ParsedArguments) async -> Int32 {
        Terminal.write(ModelGateVersion.current + "\n")
        return 0
    }
}
