import Foundation
import ModelGate

/// `modelgate init`: write a commented starter pipeline, never over an existing file.
enum InitCommand: Command {
    static let spec = CommandSpec(
        name: "init",
        abstract: "Write a commented starter pipeline file.",
        discussion: "Refuses to overwrite an existing file.",
        options: [.init(name: "path", value: "path", help: "Where to write it.", defaultText: "modelgate.yml")])

    static func run(_ arguments: ParsedArguments) async -> Int32 {
        let path = arguments.value("path") ?? "modelgate.yml"
        guard !FileManager.default.fileExists(atPath: path) else {
            Terminal.diagnostic("\(path) already exists; modelgate init never overwrites a file (pass --path to write elsewhere)")
            return ExitCode.usage.rawValue
        }
        do {
            try Data(StarterPipeline.text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            Terminal.diagnostic("could not write \(path): \(error.localizedDescription)")
            return ExitCode.usage.rawValue
        }
        Terminal.write("wrote \(path); edit it, then run: modelgate validate --config \(path)\n")
        return 0
    }
}
