/// One problem found in a model file or in a member of it: a container rule, or a pickle finding
/// of a member that is a pickle, with offsets inside that member.
public struct ModelFileFinding: Sendable, Equatable {
    /// A `ContainerRule` or `PickleRule` identifier.
    public var rule: String
    public var severity: FindingSeverity
    /// Byte offset in the file, or in the member when `member` is set (after decompression).
    public var offset: Int
    /// The member's name, nested members joined by `!` (`model.zip!inner.npz!arr_0.npy`).
    public var member: String?
    public var callable: String?
    public var message: String
    public var fixHint: String

    public init(_ rule: ContainerRule, offset: Int, member: String?, message: String) {
        self.init(rule: rule.rawValue, severity: rule.severity, offset: offset, member: member, callable: nil,
                  message: message, fixHint: rule.fixHint)
    }

    public init(_ rule: OnnxRule, offset: Int, member: String?, message: String) {
        self.init(rule: rule.rawValue, severity: rule.severity, offset: offset, member: member, callable: nil,
                  message: message, fixHint: rule.fixHint)
    }

    public init(pickle finding: PickleFinding, member: String?) {
        self.init(rule: finding.rule.rawValue, severity: finding.severity, offset: finding.offset, member: member,
                  callable: finding.callable,
                  message: finding.message + (finding.occurrences > 1 ? " (\(finding.occurrences) times)" : ""),
                  fixHint: finding.fixHint)
    }

    public init(rule: String, severity: FindingSeverity, offset: Int, member: String?, callable: String?,
                message: String, fixHint: String) {
        self.rule = rule
        self.severity = severity
        self.offset = offset
        self.member = member
        self.callable = callable
        self.message = message
        self.fixHint = fixHint
    }
}
