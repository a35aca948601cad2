import Document

/// A gate's own options, already checked against its descriptor: no unknown keys, no missing
/// required ones, every value of the declared kind. Gates read typed values and report any
/// further problem with `error(_:at:)` so it points at the line the user wrote.
public struct GateOptions: Sendable {
    public let node: Node
    public let path: String
    public let gateID: String
    public let descriptor: GateDescriptor

    public init(_ node: Node, path: String, gateID: String, descriptor: GateDescriptor) throws(ConfigError) {
        self.node = node
        self.path = path
        self.gateID = gateID
        self.descriptor = descriptor
        let members = node.objectValue ?? []
        for member in members {
            guard let spec = descriptor.option(member.key) else {
                var message = "unknown option '\(member.key)' for gate '\(gateID)' of type '\(descriptor.type)'"
                if let near = Spelling.closest(to: member.key, among: descriptor.options.map(\.key) + GateConfigReader.commonKeys) {
                    message += "; did you mean '\(near)'?"
                }
                throw ConfigError(message, path: path, at: member.keyLocation)
            }
            try Self.check(member.value, against: spec, gateID: gateID, path: path)
        }
        for spec in descriptor.options where spec.required && !members.contains(where: { $0.key == spec.key }) {
            throw ConfigError("gate '\(gateID)' of type '\(descriptor.type)' needs option '\(spec.key)': \(spec.help)",
                              path: path, at: node.location)
        }
    }

    public subscript(key: String) -> Node? {
        guard let value = node[key], !value.isNull else { return nil }
        return value
    }

    public func error(_ message: String, at node: Node?) -> ConfigError {
        ConfigError(message, path: path, at: node?.location ?? self.node.location)
    }

    public func string(_ key: String) -> String? {
        guard let value = self[key] else { return defaultValue(key) }
        return Self.text(of: value)
    }

    public func number(_ key: String) -> Double? {
        if let value = self[key] { return value.numberValue }
        return defaultValue(key).flatMap(Double.init)
    }

    public func integer(_ key: String) -> Int? {
        if let value = self[key], case .int(let i) = value.value { return i }
        return defaultValue(key).flatMap { Int($0) }
    }

    public func bool(_ key: String) -> Bool? {
        if let value = self[key] { return value.boolValue }
        return defaultValue(key).map { $0 == "true" }
    }

    public func duration(_ key: String) -> Duration? {
        (self[key].flatMap(Self.text(of:)) ?? defaultValue(key)).flatMap(DurationText.parse)
    }

    /// A list of strings; a single string counts as a list of one.
    public func stringList(_ key: String) -> [String]? {
        guard let value = self[key] else { return nil }
        if let items = value.arrayValue { return items.compactMap(Self.text(of:)) }
        return Self.text(of: value).map { [$0] }
    }

    /// A condition written in the gate's own options (like per-slice thresholds), read and
    /// reported exactly as the common `thresholds:` are.
    public func condition(_ node: Node, metric: String) throws(ConfigError) -> Condition {
        try GateConfigReader.condition(node, metric: metric, path: path)
    }

    private func defaultValue(_ key: String) -> String? { descriptor.option(key)?.defaultValue }

    /// Scalars as text: YAML reads `version: 2` as a number, but a string option takes its text.
    static func text(of node: Node) -> String? {
        switch node.value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return String(b)
        default: return nil
        }
    }

    private static func check(_ value: Node, against spec: OptionSpec, gateID: String, path: String) throws(ConfigError) {
        let ok: Bool
        switch spec.kind {
        case .string, .path: ok = text(of: value) != nil && value.boolValue == nil
        case .number: ok = value.numberValue != nil
        case .integer: if case .int = value.value { ok = true } else { ok = false }
        case .boolean: ok = value.boolValue != nil
        case .duration: ok = text(of: value).flatMap(DurationText.parse) != nil
        case .list: ok = value.arrayValue != nil || value.stringValue != nil
        case .mapping: ok = value.objectValue != nil
        case .any: ok = true
        }
        guard ok else {
            let got: String
            if let text = text(of: value) { got = "\"\(text)\"" } else { got = value.kindDescription }
            throw ConfigError("option '\(spec.key)' of gate '\(gateID)' must be \(spec.kind.expectation), got \(got)",
                              path: path, at: value.location)
        }
    }
}
