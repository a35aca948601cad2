/// A kind of finding a gate type can report, described once: `modelgate gates TYPE` lists these,
/// and the SARIF report carries them as its rules, so code-scanning views can explain an alert.
public struct FindingRule: Sendable, Equatable {
    /// `pickle.dangerous-global`: stable across releases, since alerts are matched by it.
    public var id: String
    /// One line: what was found.
    public var summary: String
    /// Why it matters and how to fix it, in a paragraph.
    public var help: String
    /// The severity a finding of this rule usually has (a finding may carry its own).
    public var severity: Finding.Severity

    public init(id: String, summary: String, help: String, severity: Finding.Severity) {
        self.id = id
        self.summary = summary
        self.help = help
        self.severity = severity
    }
}
