import Document

/// Reads one YAML/JSON mapping against a schema: typed getters that know where each value was,
/// and a final `finish()` that rejects every key nobody asked for (typos must not pass silently).
public struct MappingReader {
    public let node: Node
    public let path: String
    /// What the mapping is, for messages: "gate 'quality'", "candidate".
    public let context: String
    private let members: [Node.Member]
    private var consumed: Set<String> = []

    public init(_ node: Node, path: String, context: String) throws(ConfigError) {
        guard case .object(let members) = node.value else {
            throw ConfigError("\(context) must be a mapping, got \(node.kindDescription)", path: path, at: node.location)
        }
        self.node = node
        self.path = path
        self.context = context
        self.members = members
    }

    public var keys: [String] { members.map(\.key) }

    public func error(_ message: String, at node: Node) -> ConfigError {
        ConfigError(message, path: path, at: node.location)
    }

    /// The raw node of `key`, marking it as known.
    public mutating func optionalNode(_ key: String) -> Node? {
        consumed.insert(key)
        for member in members where member.key == key { return member.value }
        return nil
    }

    public mutating func requiredNode(_ key: String) throws(ConfigError) -> Node {
        guard let value = optionalNode(key) else {
            throw ConfigError("\(context) is missing required key '\(key)'", path: path, at: node.location)
        }
        return value
    }

    public mutating func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = optionalNode(key), !value.isNull else { return nil }
        return try Self.string(value, key: key, in: self)
    }

    public mutating func requiredString(_ key: String) throws(ConfigError) -> String {
        let value = try requiredNode(key)
        return try Self.string(value, key: key, in: self)
    }

    public mutating func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let value = optionalNode(key), !value.isNull else { return nil }
        guard let b = value.boolValue else {
            throw error("'\(key)' must be true or false, got \(value.kindDescription)", at: value)
        }
        return b
    }

    public mutating func number(_ key: String) throws(ConfigError) -> Double? {
        guard let value = optionalNode(key), !value.isNull else { return nil }
        guard let d = value.numberValue else {
            throw error("'\(key)' must be a number, got \(value.kindDescription)", at: value)
        }
        return d
    }

    public mutating func integer(_ key: String) throws(ConfigError) -> Int? {
        guard let value = optionalNode(key), !value.isNull else { return nil }
        guard case .int(let i) = value.value else {
            throw error("'\(key)' must be a whole number, got \(value.kindDescription)", at: value)
        }
        return i
    }

    public mutating func stringList(_ key: String) throws(ConfigError) -> [String]? {
        guard let value = optionalNode(key), !value.isNull else { return nil }
        // A single string where a list is expected is accepted: `needs: quality`.
        if case .string(let s) = value.value { return [s] }
        guard let items = value.arrayValue else {
            throw error("'\(key)' must be a list of strings, got \(value.kindDescription)", at: value)
        }
        var result: [String] = []
        for item in items { result.append(try Self.string(item, key: key, in: self)) }
        return result
    }

    /// Every key present that was never asked for is an error, with a suggestion when one is close.
    public func finish(allowing extra: Set<String> = []) throws(ConfigError) {
        for member in members where !consumed.contains(member.key) && !extra.contains(member.key) {
            let known = consumed.union(extra).sorted()
            var message = "unknown key \(Spelling.quoted(member.key)) in \(context)"
            if let near = Spelling.closest(to: member.key, among: known) {
                message += "; did you mean '\(near)'?"
            } else if !known.isEmpty {
                message += "; expected one of: \(known.joined(separator: ", "))"
            }
            throw ConfigError(message, path: path, at: member.keyLocation)
        }
    }

    private static func string(_ value: Node, key: String, in reader: MappingReader) throws(ConfigError) -> String {
        switch value.value {
        case .string(let s): return s
        // Versions like `2.4` or `1` are read as numbers by YAML; a string field takes their text.
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        default:
            throw reader.error("'\(key)' must be a string, got \(value.kindDescription)", at: value)
        }
    }
}

/// Suggests the nearest known word for a misspelt key, gate type or command-line option.
public enum Spelling {
    /// A word the user wrote, quoted for a message and cut to 60 characters, so that one
    /// hostile key cannot fill a log.
    public static func quoted(_ word: String) -> String {
        let scalars = word.unicodeScalars
        guard scalars.count > 60 else { return "'\(word)'" }
        return "'\(String(String.UnicodeScalarView(scalars.prefix(57))))...'"
    }

    public static func closest(to word: String, among candidates: [String]) -> String? {
        var best: (String, Int)?
        let wordBytes = Array(word.utf8)
        for candidate in candidates {
            // The distance is at least the difference in length: a long hostile word costs nothing.
            guard abs(wordBytes.count - candidate.utf8.count) <= max(1, candidate.utf8.count / 3) else { continue }
            let d = distance(wordBytes, Array(candidate.utf8))
            if d <= max(1, candidate.utf8.count / 3), d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Levenshtein distance over bytes; keys are short.
    /// Edits between two words, a swap of neighbours counting as one (`levle` is one from
    /// `level`): the optimal string alignment distance.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
