/// A place in a source text: 1-based line and column (column counts Unicode scalars).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Where a node built in code (not read from a file) claims to be.
    public static let none = SourceLocation(line: 0, column: 0)

    public var description: String { "\(line):\(column)" }
}

/// One node of a parsed YAML or JSON document, with the place it was read from.
///
/// YAML and JSON both read into this one model so that configuration checking, error messages
/// with `file:line:column`, and `modelgate config --json` never care which syntax the user wrote.
public struct Node: Sendable, Equatable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation = .none) {
        self.value = value
        self.location = location
    }

    /// A mapping entry. Keys are strings: configuration keys are, and JSON's must be; a YAML
    /// plain key such as `1` or `true` keeps its source text.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: Node

        public init(key: String, keyLocation: SourceLocation = .none, value: Node) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    /// The resolved value: YAML 1.2 core-schema scalars, sequences, and mappings in source order.
    public indirect enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case array([Node])
        case object([Member])
    }

    /// Equality compares values only, never locations: two documents that say the same thing are equal.
    public static func == (lhs: Node, rhs: Node) -> Bool { lhs.value == rhs.value }
}

extension Node.Member {
    public static func == (lhs: Node.Member, rhs: Node.Member) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value
    }
}

extension Node {
    /// The member named `key` of a mapping, or nil (also nil when this is not a mapping).
    public subscript(key: String) -> Node? {
        guard case .object(let members) = value else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    public var stringValue: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// A number as a Double, whether it was written as an integer or not.
    public var numberValue: Double? {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let b) = value { return b }
        return nil
    }

    public var arrayValue: [Node]? {
        if case .array(let a) = value { return a }
        return nil
    }

    public var objectValue: [Member]? {
        if case .object(let m) = value { return m }
        return nil
    }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// What kind of node this is, in the words an error message uses ("a mapping", "a string").
    public var kindDescription: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "a mapping"
        }
    }
}

/// A document that could not be read: what was wrong and exactly where.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}
