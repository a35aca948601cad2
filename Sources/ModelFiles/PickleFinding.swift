/// One problem found in a pickle, located by the byte offset of the opcode that caused it.
public struct PickleFinding: Sendable, Equatable {
    public var rule: PickleRule
    public var severity: FindingSeverity
    /// Byte offset of the opcode in the scanned stream (0 = its first byte, plus the scan's base offset).
    public var offset: Int
    /// The imported callable as `module.name`, after the pickle compatibility layer's renames, when one is involved.
    public var callable: String?
    /// What the callable could do, for denylisted callables.
    public var category: DangerCategory?
    /// One sentence naming the opcode and what it does; never more than the names the file holds.
    public var message: String
    /// How many times the same rule fired for the same callable (only the first offset is kept).
    public var occurrences: Int

    public var fixHint: String { rule.fixHint }

    public init(rule: PickleRule, severity: FindingSeverity, offset: Int, callable: String? = nil,
                category: DangerCategory? = nil, message: String, occurrences: Int = 1) {
        self.rule = rule
        self.severity = severity
        self.offset = offset
        self.callable = callable
        self.category = category
        self.message = message
        self.occurrences = occurrences
    }
}
