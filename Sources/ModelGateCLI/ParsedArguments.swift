import ModelGate

/// Parsed arguments of one command.
struct ParsedArguments {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []
    var wantsHelp = false

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Parses `--name value`, `--name=value`, flags, and positionals, checking them against `spec`.
    init(_ arguments: [String], spec: CommandSpec) throws(UsageError) {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            if argument == "-h" || argument == "--help" { wantsHelp = true; continue }
            var name = String(argument.drop(while: { $0 == "-" }))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard argument.hasPrefix("--"), let option = spec.options.first(where: { $0.name == name }) else {
                var message = "Unknown option '\(argument)'"
                if let near = Spelling.closest(to: name, among: spec.options.map(\.name)) {
                    message += "; did you mean '--\(near)'?"
                }
                throw UsageError(message: message, command: spec)
            }
            guard option.value != nil else {
                if inlineValue != nil { throw UsageError(message: "Option '--\(name)' takes no value", command: spec) }
                flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    throw UsageError(message: "Missing value for '--\(name) <\(option.value!)>'", command: spec)
                }
                value = arguments[index]
                index += 1
            }
            if !option.repeatable, values[name] != nil {
                throw UsageError(message: "Option '--\(name)' given more than once", command: spec)
            }
            values[name, default: []].append(value)
        }
        if wantsHelp { return }
        if positionals.count > spec.positionals.count, spec.positionals.last?.variadic != true {
            throw UsageError(message: "Unexpected argument '\(positionals[spec.positionals.count])'", command: spec)
        }
        for (offset, positional) in spec.positionals.enumerated() where !positional.optional && offset >= positionals.count {
            throw UsageError(message: "Missing expected argument '<\(positional.name)>'", command: spec)
        }
    }
}
