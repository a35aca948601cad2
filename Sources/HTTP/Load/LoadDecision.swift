/// What the caller's callback makes of an outcome: whether a response was the wrong answer
/// (counted as such in the totals), and whether the run goes on.
public struct LoadDecision: Sendable, Equatable {
    /// The response arrived but the caller rejects it (a wrong prediction, a wrong content type).
    public var isWrongAnswer: Bool
    /// End the run now, as k6's abortOnFail does: nothing more is sent, requests in flight are
    /// abandoned (counted as such) and every socket is closed before `run` returns.
    public var stopsRun: Bool

    public init(isWrongAnswer: Bool = false, stopsRun: Bool = false) {
        self.isWrongAnswer = isWrongAnswer
        self.stopsRun = stopsRun
    }

    public static let proceed = LoadDecision()
    public static let stop = LoadDecision(stopsRun: true)

    public static func wrongAnswer(stop: Bool = false) -> LoadDecision {
        LoadDecision(isWrongAnswer: true, stopsRun: stop)
    }
}
