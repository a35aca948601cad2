/// Everything one run decided, as every reporter renders it.
public struct RunReport: Sendable, Equatable {
    public static let schemaVersion = 1

    public var toolVersion: String
    public var verdict: Verdict
    /// ISO-8601, UTC.
    public var startedAt: String
    public var durationSeconds: Double
    public var candidate: CandidateSummary
    public var configPath: String
    public var configSHA256: String
    public var gates: [GateResult]
    /// Set when SIGINT/SIGTERM stopped the run.
    public var interruption: String?
    /// The share a shard run measured (`--shard K/N`).
    public var shard: Shard?
    /// How many shard reports `modelgate merge` combined.
    public var mergedShards: Int?
    /// The run's secrets (`${NAME}` values), masked by every reporter in all that it writes.
    public var redactor: SecretRedactor = .none
    /// What the run's gate types say of the findings they report (SARIF rules), by rule id.
    public var rules: [FindingRule] = []

    public init(toolVersion: String, verdict: Verdict, startedAt: String, durationSeconds: Double,
                candidate: CandidateSummary, configPath: String, configSHA256: String, gates: [GateResult],
                interruption: String? = nil) {
        self.toolVersion = toolVersion
        self.verdict = verdict
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.candidate = candidate
        self.configPath = configPath
        self.configSHA256 = configSHA256
        self.gates = gates
        self.interruption = interruption
    }
}

/// The candidate as gated: name, version, and exactly which artifact bytes.
public struct CandidateSummary: Sendable, Equatable {
    public var name: String
    public var version: String
    public var artifacts: [HashedArtifact]

    public init(name: String, version: String, artifacts: [HashedArtifact]) {
        self.name = name
        self.version = version
        self.artifacts = artifacts
    }
}

public struct HashedArtifact: Sendable, Equatable {
    public var path: String
    public var sha256: String
    public var bytes: Int

    public init(path: String, sha256: String, bytes: Int) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }
}
