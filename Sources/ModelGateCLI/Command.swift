/// A subcommand: its description, and what it does with parsed arguments (returning the exit code).
protocol Command {
    static var spec: CommandSpec { get }
    static func run(_ arguments: ParsedArguments) async -> Int32
}

/// A command as a value: calling `run` through an existential metatype crashes Swift 6.3's SILGen.
struct CommandEntry {
    let spec: CommandSpec
    let run: (ParsedArguments) async -> Int32

    init<C: Command>(_ command: C.Type) {
        spec = C.spec
        run = { await C.run($0) }
    }
}
