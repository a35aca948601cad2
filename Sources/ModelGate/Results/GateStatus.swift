/// How one gate ended. `partial`: a shard run measured its share; `modelgate merge` decides.
public enum GateStatus: String, Sendable, CaseIterable, Codable {
    case pass, fail, warn, error, inconclusive, skipped, partial
}

/// How one check ended.
public enum CheckStatus: String, Sendable, CaseIterable, Codable {
    case pass, fail, inconclusive, waived
}

/// The run's answer: may this model be deployed? A shard run (`--shard K/N`) answers `partial`:
/// its share was measured, and only `modelgate merge` over every shard's report decides.
public enum Verdict: String, Sendable, CaseIterable {
    case pass, fail, error, inconclusive, partial

    /// The process exit code DESIGN.md assigns to each verdict.
    public var exitCode: ExitCode {
        switch self {
        case .pass: return .allowed
        case .fail: return .blocked
        case .error: return .couldNotRun
        case .inconclusive: return .inconclusive
        // The shard job did its job (measuring); whether to deploy is the merge's exit code.
        case .partial: return .allowed
        }
    }
}

/// The exit codes of `modelgate`, the contract CI scripts rely on.
public enum ExitCode: Int32, Sendable {
    /// Deploy allowed.
    case allowed = 0
    /// Blocked: a blocking gate failed.
    case blocked = 1
    /// Usage or configuration error: nothing ran.
    case usage = 2
    /// Blocked: a blocking gate could not run.
    case couldNotRun = 3
    /// Blocked: inconclusive, more evidence is needed.
    case inconclusive = 4
}
