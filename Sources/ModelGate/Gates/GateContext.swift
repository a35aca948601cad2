import ChildProcess
import Synchronization

/// What a gate may use while it runs.
public struct GateContext: Sendable {
    public var gateID: String
    public var candidate: CandidateConfig
    /// The folder paths in the pipeline file are relative to.
    public var baseDirectory: String
    /// A scratch folder of this gate's own, removed after the run.
    public var workDirectory: String
    public var log: GateLog
    /// How long the gate may run; the runner stops it then. Child processes can take it as their own limit.
    public var timeout: Duration
    /// The metrics the pipeline's `thresholds:` name: a gate computes intervals for these, and
    /// must explain (by throwing) when one of them is undefined on the data.
    public var gatedMetrics: Set<String>
    /// The thresholds as numbers (baseline applied; one whose baseline is missing is left out),
    /// for a gate that stops early once one cannot be met.
    public var limits: [ThresholdLimit]
    /// The candidate's artifacts as the runner hashed them before any gate ran: the bytes the
    /// report vouches for. A gate that reads an artifact again can tell whether it changed since.
    public var artifacts: [HashedArtifact]

    public init(gateID: String, candidate: CandidateConfig, baseDirectory: String, workDirectory: String,
                log: GateLog = GateLog(), timeout: Duration = .seconds(600),
                gatedMetrics: Set<String> = [], limits: [ThresholdLimit] = [], artifacts: [HashedArtifact] = []) {
        self.gateID = gateID
        self.candidate = candidate
        self.baseDirectory = baseDirectory
        self.workDirectory = workDirectory
        self.log = log
        self.timeout = timeout
        self.gatedMetrics = gatedMetrics
        self.limits = limits
        self.artifacts = artifacts
    }

    /// A path from the pipeline file, made usable from the working directory.
    public func resolve(_ path: String) -> String {
        RelativePath.resolve(path, against: baseDirectory)
    }
}

/// A gate's log, kept to a bounded size: the start and the end survive, the middle is cut, and a
/// line in its place says how many bytes were left out (however long the lines written were).
public final class GateLog: Sendable {
    public static let defaultLimit = 16 * 1024
    private let kept: Mutex<Capture>

    public init(limit: Int = GateLog.defaultLimit) {
        kept = Mutex(Capture(limit: limit, keepingTail: true))
    }

    public func write(_ line: String) {
        write(Array(line.utf8))
    }

    /// Output as a program wrote it (stderr), decoded only when read, so the cut counts its bytes.
    public func write(_ bytes: [UInt8]) {
        kept.withLock { log in
            log.append(bytes)
            if bytes.last != UInt8(ascii: "\n") { log.append([UInt8(ascii: "\n")]) }
        }
    }

    /// The log, with a note of how much was cut; nil when nothing was written.
    public var contents: String? {
        kept.withLock { $0.total == 0 ? nil : String(decoding: $0.bytes, as: UTF8.self) }
    }
}
