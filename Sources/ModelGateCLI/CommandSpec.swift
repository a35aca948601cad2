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
