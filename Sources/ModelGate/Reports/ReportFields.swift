import Document

/// One JSON object of a report being read back, with its place in the report (`gates[2].checks[0]`):
/// each member is read with its type and range checked, and every problem is a `ConfigError`
/// naming the file, line and column, and the field.
struct ReportFields {
    let node: Node
    /// Where this object is in the report; empty for the report itself.
    let place: String
    let path: String

    init(_ node: Node, at place: String, path: String) throws(ConfigError) {
        self.node = node
        self.place = place
        self.path = path
        guard node.objectValue != nil else { throw error("\(place.isEmpty ? "the report" : place) must be an object, got \(node.kindDescription)", at: node) }
    }

    /// `gates[2].status`: the field's name in messages.
    func name(_ key: String) -> String { place.isEmpty ? key : "\(place).\(key)" }

    func error(_ message: String, at node: Node?) -> ConfigError {
        ConfigError(message, path: path, at: node?.location ?? self.node.location)
    }

    /// The member, nil when absent; `null` counts as absent, as DESIGN.md writes `"error": null`.
    func optional(_ key: String) -> Node? {
        guard let value = node[key], !value.isNull else { return nil }
        return value
    }

    func required(_ key: String) throws(ConfigError) -> Node {
        guard let value = node[key] else { throw error("\(name(key)) is missing", at: node) }
        return value
    }

    func string(_ key: String) throws(ConfigError) -> String {
        try string(key, try required(key))
    }

    func optionalString(_ key: String) throws(ConfigError) -> String? {
        guard let value = optional(key) else { return nil }
        return try string(key, value)
    }

    func bool(_ key: String) throws(ConfigError) -> Bool {
        let value = try required(key)
        guard let flag = value.boolValue else { throw mismatch(key, value, expected: "true or false") }
        return flag
    }

    /// A count, an index or a size: a whole number of at least `minimum`.
    func integer(_ key: String, atLeast minimum: Int) throws(ConfigError) -> Int {
        try integer(key, try required(key), atLeast: minimum)
    }

    func optionalInteger(_ key: String, atLeast minimum: Int) throws(ConfigError) -> Int? {
        guard let value = optional(key) else { return nil }
        return try integer(key, value, atLeast: minimum)
    }

    /// A finite number in `range`; `meaning` says why the range is what it is ("f1 is").
    func number(_ key: String, in range: MetricRange = .finite, meaning: String? = nil) throws(ConfigError) -> Double {
        try Self.number(try required(key), named: name(key), in: range, meaning: meaning, fields: self)
    }

    /// One of an enumeration's raw values: a status, a verdict, an operator.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, of _: Choice.Type) throws(ConfigError) -> Choice
    where Choice.RawValue == String {
        let value = try required(key)
        let text = try string(key, value)
        guard let choice = Choice(rawValue: text) else {
            let known = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw error("\(name(key)) is \(Self.shown(text)), which is not one of \(known)", at: value)
        }
        return choice
    }

    func object(_ key: String) throws(ConfigError) -> ReportFields {
        try ReportFields(try required(key), at: name(key), path: path)
    }

    func optionalObject(_ key: String) throws(ConfigError) -> ReportFields? {
        guard let value = optional(key) else { return nil }
        return try ReportFields(value, at: name(key), path: path)
    }

    func array(_ key: String) throws(ConfigError) -> [Node] {
        try array(key, try required(key))
    }

    func optionalArray(_ key: String) throws(ConfigError) -> [Node] {
        guard let value = optional(key) else { return [] }
        return try array(key, value)
    }

    /// The members of an object that maps names to values (`metrics`, `evidence`); absent is empty.
    func optionalMembers(_ key: String) throws(ConfigError) -> [Node.Member] {
        try optionalObject(key)?.node.objectValue ?? []
    }

    // MARK: Values

    private func string(_ key: String, _ value: Node) throws(ConfigError) -> String {
        guard let text = value.stringValue else { throw mismatch(key, value, expected: "a string") }
        return text
    }

    private func integer(_ key: String, _ value: Node, atLeast minimum: Int) throws(ConfigError) -> Int {
        guard case .int(let number) = value.value else { throw mismatch(key, value, expected: "a whole number") }
        guard number >= minimum else {
            throw error("\(name(key)) is \(number), but it is a count or a place and cannot be below \(minimum)", at: value)
        }
        return number
    }

    private func array(_ key: String, _ value: Node) throws(ConfigError) -> [Node] {
        guard let items = value.arrayValue else { throw mismatch(key, value, expected: "a list") }
        return items
    }

    private func mismatch(_ key: String, _ value: Node, expected: String) -> ConfigError {
        error("\(name(key)) must be \(expected), got \(value.kindDescription)", at: value)
    }

    /// A number in a report: finite (JSON `null` is how the writer spells NaN and infinities, and
    /// no such value can be compared with) and inside the range its meaning allows.
    static func number(_ value: Node, named name: String, in range: MetricRange, meaning: String?,
                       fields: ReportFields) throws(ConfigError) -> Double {
        guard let number = value.numberValue else {
            let got = value.isNull ? "null (no finite value)" : value.kindDescription
            throw fields.error("\(name) must be a finite number, got \(got)", at: value)
        }
        guard range.admits(number) else {
            throw fields.error("\(name) is \(number), but \(meaning ?? "it is") \(range): "
                               + "no measurement gives that value", at: value)
        }
        return number
    }

    /// Report text quoted for a message: control characters escaped and long text cut, so that
    /// what a hostile file holds cannot rewrite the terminal it is shown on.
    static func shown(_ text: String) -> String {
        let cut = text.unicodeScalars.count > 60 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(57))) + "..." : text
        var quoted = JSONWriter.write(Node(.string(cut)))
        quoted = String(quoted.unicodeScalars.map { scalar -> String in
            // JSONWriter leaves DEL and C1 controls (ESC's 8-bit twin among them) as they are.
            (0x7F...0x9F).contains(scalar.value) ? "\\u00\(String(scalar.value, radix: 16))" : String(scalar)
        }.joined())
        return quoted
    }
}
