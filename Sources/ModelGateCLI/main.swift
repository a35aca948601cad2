import Foundation
import ModelGate

/// The subcommands, in the order `--help` lists them.
let commands: [CommandEntry] = [
    CommandEntry(RunCommand.self), CommandEntry(MergeCommand.self), CommandEntry(ValidateCommand.self), CommandEntry(ConfigCommand.self),
    CommandEntry(GatesCommand.self), CommandEntry(InitCommand.self), CommandEntry(VersionCommand.self),
]

let topHelp = """
OVERVIEW: Run quality gates on a machine-learning model and decide whether it may be deployed.

USAGE: modelgate <subcommand>

SUBCOMMANDS:
\(commands.map { "  " + $0.spec.name.padding(toLength: 24, withPad: " ", startingAt: 0) + $0.spec.abstract }.joined(separator: "\n"))

  See 'modelgate help <subcommand>' for detailed help.

EXIT CODES:
  0  deploy allowed           1  blocked: a blocking gate failed
  2  usage or config error    3  blocked: a blocking gate could not run
  4  blocked: inconclusive, more evidence is needed

"""

@MainActor
func runMain() async -> Int32 {
    StandardStreams.prepare()
    var arguments = Array(CommandLine.arguments.dropFirst())
    guard let first = arguments.first else {
        Terminal.error(topHelp)
        return ExitCode.usage.rawValue
    }
    if first == "-h" || first == "--help" {
        Terminal.write(topHelp)
        return 0
    }
    if first == "--version" {
        Terminal.write(ModelGateVersion.current + "\n")
        return 0
    }
    if first == "help" {
        arguments.removeFirst()
        guard let name = arguments.first else { Terminal.write(topHelp); return 0 }
        guard let command = commands.first(where: { $0.spec.name == name }) else {
            Terminal.error("Error: Unknown subcommand '\(name)'\n\n" + topHelp)
            return ExitCode.usage.rawValue
        }
        Terminal.write(command.spec.help)
        return 0
    }
    guard let command = commands.first(where: { $0.spec.name == first }) else {
        var message = "Error: Unknown subcommand '\(first)'"
        if let near = commands.map(\.spec.name).first(where: { $0.hasPrefix(first.prefix(2)) }) {
            message += "; did you mean '\(near)'?"
        }
        Terminal.error(message + "\n\n" + topHelp)
        return ExitCode.usage.rawValue
    }
    arguments.removeFirst()
    do {
        let parsed = try ParsedArguments(arguments, spec: command.spec)
        if parsed.wantsHelp {
            Terminal.write(command.spec.help)
            return 0
        }
        return await command.run(parsed)
    } catch {
        Terminal.error("Error: \(error.message)\nUsage: \((error.command ?? command.spec).usage)\n  See 'modelgate \(command.spec.name) --help' for more information.\n")
        return ExitCode.usage.rawValue
    }
}

exit(await runMain())
