import Document

/// Replaces `${NAME}` in every string of a document with the environment variable's value,
/// remembering each value so reports and logs can mask it. `$$` writes a literal `$`.
public struct EnvironmentInterpolation: Sendable {
    public let environment: [String: String]
    public private(set) var secrets: [String] = []
    /// The same values as `secrets`: a file that uses many variables stays linear.
    private var knownSecrets: Set<String> = []

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public mutating func apply(to node: Node, path: String) throws(ConfigError) -> Node {
        try substituted(node, path: path) ?? node
    }

    /// The node with its strings substituted, or nil when nothing in it changed: unchanged parts
    /// of the document are shared, not copied, so interpolation costs no memory where no `$` is.
    private mutating func substituted(_ node: Node, path: String) throws(ConfigError) -> Node? {
        switch node.value {
        case .string(let text):
            guard text.utf8.contains(UInt8(ascii: "$")) else { return nil }
            return Node(.string(try substitute(text, at: node.location, path: path)), at: node.location)
        case .array(var items):
            var changed = false
            for index in items.indices {
                guard let item = try substituted(items[index], path: path) else { continue }
                items[index] = item
                changed = true
            }
            return changed ? Node(.array(items), at: node.location) : nil
        case .object(var members):
            var changed = false
            for index in members.indices {
                guard let value = try substituted(members[index].value, path: path) else { continue }
                members[index].value = value
                changed = true
            }
            return changed ? Node(.object(members), at: node.location) : nil
        default:
            return nil
        }
    }

    mutating func substitute(_ text: String, at location: SourceLocation, path: String) throws(ConfigError) -> String {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count else {
                output.append(bytes[i]); i += 1; continue
            }
            if bytes[i + 1] == UInt8(ascii: "$") {
                output.append(UInt8(ascii: "$")); i += 2; continue
            }
            guard bytes[i + 1] == UInt8(ascii: "{") else {
                output.append(bytes[i]); i += 1; continue
            }
            guard let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) else {
                throw ConfigError("unterminated '${' in \"\(text.prefix(40))\"; write '$$' for a literal '$'", path: path, at: location)
            }
            let name = String(decoding: bytes[(i + 2)..<close], as: UTF8.self)
            guard Self.isVariableName(name) else {
                throw ConfigError("'${\(name)}' is not an environment variable name (letters, digits and '_')", path: path, at: location)
            }
            guard let value = environment[name] else {
                throw ConfigError("environment variable '\(name)' is not set (used as ${\(name)})", path: path, at: location)
            }
            if !value.isEmpty && knownSecrets.insert(value).inserted { secrets.append(value) }
            output.append(contentsOf: value.utf8)
            i = close + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(first >= 48 && first <= 57) else { return false }
        return name.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) || $0 == 95 }
    }
}
