/// A detector's own examples: each `flags` text must be matched whole, no `ignores` text at all.
public struct DetectorExamples: Sendable {
    public var flags: [String]
    public var ignores: [String]

    public init(flags: [String], ignores: [String]) {
        self.flags = flags
        self.ignores = ignores
    }
}
