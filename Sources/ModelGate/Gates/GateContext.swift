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

    public init(gateID: String, candidate: CandidateConfig, baseDirectory: String, workDirectory: String,
                log: GateLog = GateLog(), timeout: Duration = .seconds(600),
                gatedMetrics: Set<String> = []) {
        self.gateID = gateID
        self.candidate = candidate
        self.baseDirectory = baseDirectory
        self.workDirectory = workDirectory
        self.log = log
        self.timeout = timeout
        self.gatedMetrics = gatedMetrics
    }

    /// A path from the pipeline file, made usable from the working directory.
    public func resolve(_ path: String) -> String {
        RelativePath.resolve(path, against: baseDirectory)
    }
}

/// A gate's log, kept to a bounded size: the start and the end survive, the middle is cut.
public final class GateLog: Sendable {
    public static let defaultLimit = 16 * 1024
    private let state: Mutex<(text: String, dropped: Int)>
    private let limit: Int

    public init(limit: Int = GateLog.defaultLimit) {
        self.limit = limit
        self.state = Mutex(("", 0))
    }

    public func write(_ line: String) {
        state.withLock { state in
            if state.text.utf8.count + line.utf8.count + 1 <= limit {
                state.text += line.hasSuffix("\n") ? line : line + "\n"
            } else {
                state.dropped += line.utf8.count
            }
        }
    }

    /// The log, with a note of how much was cut; nil when nothing was written.
    public var contents: String? {
        state.withLock { state in
            if state.text.isEmpty && state.dropped == 0 { return nil }
            return state.dropped > 0 ? state.text + "[\(state.dropped) more bytes of log cut]\n" : state.text
        }
    }
}
