/// An accumulator whose state, read from a shard report, can be held to what every state a pass
/// writes satisfies: counts that agree with each other, and with the configured scores.
protocol CheckedState {
    /// The first invariant this state alone breaks, in words; nil when it keeps them all.
    func violation(_ scores: ScoreExpectation) -> String?
    /// The parts that add up over disjoint rows; `scores: false` leaves out what comes from scores.
    func tally(scores: Bool) -> StateTally
}

/// What a gate's configuration says about the scores of the rows a state counts.
struct ScoreExpectation {
    enum Coverage {
        /// No row has a score (no score column; a slice that keeps none).
        case none
        /// Every row has one (score columns, read from a file).
        case every
        /// Some may (a predictor answers a label, a score or both).
        case some
    }

    var coverage: Coverage
    /// Every prediction was made from the scores: `score > threshold` (binary) or the first
    /// highest score (multiclass), when there is no prediction column and no predictor.
    var predictionsFromScores: Bool

    static let noScores = ScoreExpectation(coverage: .none, predictionsFromScores: false)
}
