import Document

/// Gate documentation rendered from descriptors: `modelgate gates` and each gate's README.md come
/// from here, so neither can drift from the code (a test compares the READMEs).
public enum GateDocumentation {
    public static func listing(_ gates: [GateDescriptor]) -> String {
        let width = (gates.map(\.type.count).max() ?? 0) + 2
        var out = "Built-in gate types:\n"
        for gate in gates {
            out += "  " + gate.type + String(repeating: " ", count: width - gate.type.count) + gate.summary + "\n"
        }
        out += "\nOther types run as external plug-ins: modelgate-gate-<type> in gates/bin or on PATH, or 'command:'.\n"
        out += "See 'modelgate gates <type>' for a type's options and examples.\n"
        return out
    }

    /// A Markdown page: summary, rationale, options, metrics, examples.
    public static func page(_ gate: GateDescriptor) -> String {
        var out = "# Gate type `\(gate.type)`\n\n\(gate.summary)\n\n\(gate.rationale)\n\n"
        out += "Default timeout: \(DurationText.format(gate.defaultTimeout)). Checks decide on the "
        out += gate.defaultDecision == .interval ? "confidence interval by default (`decide: interval`).\n\n## Options\n\n"
                                                 : "point value by default (`decide: point`).\n\n## Options\n\n"
        out += "| Option | Type | Default | Meaning |\n|---|---|---|---|\n"
        for option in gate.options {
            let value = option.required ? "required" : (option.defaultValue.map { "`\($0)`" } ?? "")
            var meaning = option.help
            if let allowed = option.allowedValues { meaning += " One of " + allowed.map { "`\($0)`" }.joined(separator: ", ") + "." }
            if let range = option.rangeText { meaning += " \(range.prefix(1).uppercased() + range.dropFirst())." }
            out += "| `\(option.key)` | \(option.kind.rawValue) | \(value) | \(meaning) |\n"
        }
        out += "\nEvery gate also takes the common keys: `id`, `type`, `blocking`, `timeout`, `needs`, "
        out += "`thresholds` (metric: condition), `decide` (point | interval), `confidence`.\n\n## Metrics\n\n"
        for metric in gate.metrics { out += "- `\(metric.name)`: \(metric.help)\n" }
        if !gate.notes.isEmpty { out += "\n## Conventions\n\n" + gate.notes.joined(separator: "\n\n") + "\n" }
        if !gate.rules.isEmpty {
            // The same rules SARIF's tool.driver.rules carries: id, usual severity, why and the fix.
            out += "\n## Rules\n\n| Rule | Severity | Why it matters, and the fix |\n|---|---|---|\n"
            for rule in gate.rules {
                out += "| `\(rule.id)` | \(rule.severity.rawValue) | \(tableCell(rule.help)) |\n"
            }
        }
        if !gate.examples.isEmpty { out += "\n## Examples\n" }
        for example in gate.examples {
            out += "\n### \(example.title)\n\n```yaml\n"
            if let candidate = example.candidate { out += "candidate: \(candidate)\n" }
            out += "gates:\n"
            out += example.yaml.split(separator: "\n", omittingEmptySubsequences: false)
                .enumerated().map { $0.offset == 0 ? "  - " + $0.element : "    " + $0.element }
                .joined(separator: "\n")
            out += "\n```\n\n"
            for (path, file) in example.files.sorted(by: { $0.key < $1.key }) {
                switch file {
                case .text(let content):
                    out += "`\(path)`:\n\n```\n\(content.hasSuffix("\n") ? content : content + "\n")```\n\n"
                case .bytes(let bytes):
                    let head = bytes.prefix(32).map { String($0, radix: 16).leftPadded(to: 2) }.joined(separator: " ")
                    out += "`\(path)`: \(bytes.count) bytes, starting `\(head)\(bytes.count > 32 ? " …" : "")`\n\n"
                }
            }
            switch example.expectation {
            case .status(let status, let metrics):
                out += "Expected status: **\(status.rawValue)**"
                if !metrics.isEmpty {
                    out += "; " + metrics.sorted(by: { $0.key < $1.key })
                        .map { "`\($0.key)` = \(HumanNumber.format($0.value))" }.joined(separator: ", ")
                }
            case .rejected(let message):
                out += "Refused by `modelgate validate` (exit 2): \(message)"
            }
            out += ".\n"
        }
        return out
    }
}

/// Text for one Markdown table cell: a `|` would end the cell and a newline the row.
private func tableCell(_ text: String) -> String {
    var cell = ""
    for character in text {
        switch character {
        case "|": cell += "\\|"
        case "\n", "\r\n": cell += " "
        default: cell.append(character)
        }
    }
    return cell
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// The configuration document as JSON, for `modelgate config --json`.
public enum ConfigDocument {
    public static func json(_ node: Node) -> String { JSONWriter.write(node, pretty: true) }
}
