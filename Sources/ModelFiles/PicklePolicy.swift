/// How a scan judges the globals a pickle imports.
public struct PicklePolicy: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        /// Only the allowlist (`SafeGlobals`) and `allowGlobals` pass; any other global is a high finding.
        case allowlist
        /// Only denylisted globals and crafted shapes fail; other globals are low findings, reported
        /// so a reviewer sees them. For scanning archives of unknown models, not for gating.
        case denylist
    }

    public var mode: Mode
    /// A team's own globals: `module.Name` (exact, after compatibility renames) or `module.*` (every
    /// name in the module and its submodules). They never admit a denylisted or dunder name.
    public var allowGlobals: [String]
    public var limits: PickleLimits

    public init(mode: Mode = .allowlist, allowGlobals: [String] = [], limits: PickleLimits = PickleLimits()) {
        self.mode = mode
        self.allowGlobals = allowGlobals
        self.limits = limits
    }

    /// Why an `allow_globals` entry cannot be used, or nil: it must be `module.name` or `module.*`
    /// with non-empty components.
    public static func problem(withAllowEntry entry: String) -> String? {
        let parts = entry.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else {
            return "expected `module.Name` or `module.*`, got \"\(entry)\""
        }
        if parts.dropLast().contains(where: { $0.contains("*") }) || (parts.last!.contains("*") && parts.last! != "*") {
            return "a `*` may only stand for the whole last component (`module.*`), got \"\(entry)\""
        }
        return nil
    }
}
