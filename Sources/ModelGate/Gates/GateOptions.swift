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
                var message = "unknown option \(Spelling.quoted(member.key)) for gate '\(gateID)' of type '\(descriptor.type)'"
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

    /// Where an option was written, for errors about its value; nil when it was not.
    public subscript<Value>(option: Option<Value>) -> Node? { self[option.key] }

    public func error(_ message: String, at node: Node?) -> ConfigError {
        ConfigError(message, path: path, at: node?.location ?? self.node.location)
    }

    /// The option's value as written, else its default, else nil. The value was checked against
    /// the declaration when these options were made, so reading it cannot fail.
    public func value<Value>(_ option: Option<Value>) -> Value? {
        guard let written = self[option.key] else { return option.defaultValue }
        return Value.read(written)
    }

    /// The value of an option that is required or has a default (a missing required option was
    /// already refused; this throws only for an option declared with neither).
    public func require<Value>(_ option: Option<Value>) throws(ConfigError) -> Value {
        guard let value: Value = value(option) else {
            throw ConfigError("gate '\(gateID)' of type '\(descriptor.type)' needs option '\(option.key)': \(option.spec.help)",
                              path: path, at: node.location)
        }
        return value
    }

    /// A condition written in the gate's own options (like per-slice thresholds), read and
    /// reported exactly as the common `thresholds:` are.
    public func condition(_ node: Node, metric: String) throws(ConfigError) -> Condition {
        try GateConfigReader.condition(node, metric: metric, range: descriptor.metrics.spec(for: metric)?.range, path: path)
    }

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
        let shapeFits: Bool
        switch spec.kind {
        case .string, .path: shapeFits = text(of: value) != nil && value.boolValue == nil
        case .mapping: shapeFits = value.objectValue != nil
        default: shapeFits = true
        }
        let subject = "option '\(spec.key)' of gate '\(gateID)'"
        if shapeFits, let allowed = spec.allowedValues, let text = text(of: value), !allowed.contains(text) {
            var message = "\(subject) must be one of \(allowed.joined(separator: ", ")), got \"\(text)\""
            if let near = Spelling.closest(to: text, among: allowed) { message += "; did you mean '\(near)'?" }
            throw ConfigError(message, path: path, at: value.location)
        }
        guard shapeFits, spec.accepts(value) else {
            let got: String
            if let text = text(of: value) { got = "\"\(text)\"" } else { got = value.kindDescription }
            throw ConfigError("\(subject) must be \(spec.kind.expectation), got \(got)", path: path, at: value.location)
        }
        if let range = spec.range, let number = value.numberValue, !range.contains(number) {
            throw ConfigError("\(subject) must be \(spec.rangeText!), got \(HumanNumber.format(number))", path: path, at: value.location)
        }
    }
}
