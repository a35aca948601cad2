import ModelGate

/// A command's static description: the one place its usage, `--help` and parsing come from.
struct CommandSpec {
    var name: String
    var abstract: String
    var discussion: String = ""
    var options: [OptionSpec] = []
    var positionals: [PositionalSpec] = []

    struct OptionSpec {
        var name: String
        /// The value's placeholder, like `path`; nil for a flag.
        var value: String?
        var help: String
        var repeatable = false
        var defaultText: String?

        static func flag(_ name: String, help: String) -> OptionSpec {
            OptionSpec(name: name, value: nil, help: help)
        }
    }

    struct PositionalSpec {
        var name: String
        var help: String
        var optional = true
        /// The last positional may take any number of values (at least one when not optional).
        var variadic = false
    }

    var usage: String {
        var parts = ["modelgate", name]
        for option in options {
            let text = option.value.map { "--\(option.name) <\($0)>" } ?? "--\(option.name)"
            parts.append("[\(text)]" + (option.repeatable ? " ..." : ""))
        }
        for positional in positionals {
            let name = "<\(positional.name)>" + (positional.variadic ? "..." : "")
            parts.append(positional.optional ? "[\(name)]" : name)
        }
        return parts.joined(separator: " ")
    }

    var help: String {
        var out = "OVERVIEW: \(abstract)\n"
        if !discussion.isEmpty { out += "\n\(discussion)\n" }
        out += "\nUSAGE: \(usage)\n"
        if !positionals.isEmpty {
            out += "\nARGUMENTS:\n"
            for positional in positionals { out += row("<\(positional.name)>", positional.help) }
        }
        out += "\nOPTIONS:\n"
        for option in options {
            var help = option.help
            if let defaultText = option.defaultText { help += " (default: \(defaultText))" }
            out += row(option.value.map { "--\(option.name) <\($0)>" } ?? "--\(option.name)", help)
        }
        out += row("-h, --help", "Show help information.")
        return out
    }

    private func row(_ left: String, _ right: String) -> String {
        let indent = "  " + left
        if indent.count < 26 { return indent + String(repeating: " ", count: 26 - indent.count) + right + "\n" }
        return indent + "\n" + String(repeating: " ", count: 26) + right + "\n"
    }
}

/// A command line that does not fit its command: reported with the usage and a hint, exit 2.
struct UsageError: Error {
    var message: String
    var command: CommandSpec?
}

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
