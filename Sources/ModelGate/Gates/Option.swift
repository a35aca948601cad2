import Document

/// One option of a gate type, declared once: key, kind, typed default, allowed values and help.
/// The descriptor (`spec`), `modelgate validate`, `modelgate gates TYPE`, the gate's README and
/// the gate's own reading (`GateOptions.value(_:)`) all come from this one declaration.
public struct Option<Value: OptionValue>: Sendable {
    /// The erased form the descriptor lists.
    public let spec: OptionSpec
    public let defaultValue: Value?

    public var key: String { spec.key }

    /// `kind` refines the value's own kind where one type has two (a `String` that is a `.path`).
    /// `range` bounds a number or whole number, inclusive, and is documented with it.
    public init(_ key: String, _ kind: OptionSpec.Kind? = nil, required: Bool = false, default defaultValue: Value? = nil,
                range: ClosedRange<Double>? = nil, help: String) {
        precondition(!(required && defaultValue != nil), "option '\(key)': a required option has no default")
        if let defaultValue, let range, let number = defaultValue.numericValue {
            precondition(range.contains(number), "option '\(key)': the default is outside its range")
        }
        self.defaultValue = defaultValue
        self.spec = OptionSpec(key, kind ?? Value.optionKind, required: required, default: defaultValue?.optionText,
                               allowedValues: Value.allowedValues, range: range, help: help,
                               accepts: { Value.read($0) != nil })
    }
}

/// What a gate option's value can be: how it is read from the pipeline and how it is written in
/// the documentation. Reading fails (nil) for a node of another kind; `GateOptions` turns that into
/// a located error before the gate sees it.
public protocol OptionValue: Sendable {
    static var optionKind: OptionSpec.Kind { get }
    /// The values a user may write, for options with a fixed set; nil for open ones.
    static var allowedValues: [String]? { get }
    static func read(_ node: Node) -> Self?
    /// The value as a user would write it.
    var optionText: String { get }
    /// The value as a number, for options bounded by a range.
    var numericValue: Double? { get }
}

extension OptionValue {
    public static var allowedValues: [String]? { nil }
    public var numericValue: Double? { nil }
}

/// An option whose values are a fixed set of words, like `task: binary | multiclass | regression`.
public protocol OptionChoice: OptionValue, CaseIterable, RawRepresentable where RawValue == String {}

extension OptionChoice {
    public static var optionKind: OptionSpec.Kind { .string }
    public static var allowedValues: [String]? { allCases.map(\.rawValue) }
    public static func read(_ node: Node) -> Self? { node.stringValue.flatMap(Self.init(rawValue:)) }
    public var optionText: String { rawValue }
}

extension String: OptionValue {
    public static var optionKind: OptionSpec.Kind { .string }
    /// Scalars as text: YAML reads `version: 2` as a number, but a string option takes its text.
    /// A boolean is refused: `name: yes` is more likely a mistake than a name.
    public static func read(_ node: Node) -> String? {
        switch node.value {
        case .string(let text): return text
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        default: return nil
        }
    }
    public var optionText: String { self }
}

extension Double: OptionValue {
    public static var optionKind: OptionSpec.Kind { .number }
    /// Finite numbers only: `.inf` or `.nan` in a pipeline is never a meaningful setting.
    public static func read(_ node: Node) -> Double? {
        guard let value = node.numberValue, value.isFinite else { return nil }
        return value
    }
    public var optionText: String { HumanNumber.format(self) }
    public var numericValue: Double? { self }
}

extension Int: OptionValue {
    public static var optionKind: OptionSpec.Kind { .integer }
    public static func read(_ node: Node) -> Int? {
        if case .int(let value) = node.value { return value }
        return nil
    }
    public var optionText: String { String(self) }
    public var numericValue: Double? { Double(self) }
}

extension Bool: OptionValue {
    public static var optionKind: OptionSpec.Kind { .boolean }
    public static func read(_ node: Node) -> Bool? { node.boolValue }
    public var optionText: String { String(self) }
}

extension Duration: OptionValue {
    public static var optionKind: OptionSpec.Kind { .duration }
    public static func read(_ node: Node) -> Duration? { String.read(node).flatMap(DurationText.parse) }
    public var optionText: String { DurationText.format(self) }
}

extension Array: OptionValue where Element == String {
    public static var optionKind: OptionSpec.Kind { .list }
    /// A list of scalars; one scalar counts as a list of one. An item that is not a scalar is an
    /// error, not dropped.
    public static func read(_ node: Node) -> [String]? {
        guard let items = node.arrayValue else { return String.read(node).map { [$0] } }
        var strings: [String] = []
        strings.reserveCapacity(items.count)
        for item in items {
            guard let text = String.read(item) else { return nil }
            strings.append(text)
        }
        return strings
    }
    public var optionText: String { "[" + joined(separator: ", ") + "]" }
}

/// A value read as written, for options whose shape the gate checks itself (a mapping of
/// thresholds, a label that may be a number or a string).
extension Node: OptionValue {
    public static var optionKind: OptionSpec.Kind { .any }
    public static func read(_ node: Node) -> Node? { node }
    public var optionText: String { JSONWriter.write(self, pretty: false) }
}
