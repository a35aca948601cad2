import ModelGate

/// What the gate's configuration says a shard run of it writes: the facts a state read from a
/// shard report is held to, besides its own counts agreeing with each other.
struct StateExpectations {
    var task: AccuracyOptions.Task
    var sliced: Bool
    /// Whether slices keep scores (only when a slice judges a score metric), as the scan decides.
    var sliceScores: Bool
    var skipsMissing: Bool
    var joinsPredictions: Bool
    var scores: ScoreExpectation
    /// The evidence the shard report gives for the gate, when the state came from one.
    var evidence: Evidence?

    init(options: AccuracyOptions, sliceScores: Bool, evidence: Evidence?) {
        task = options.task
        sliced = options.sliceBy != nil
        self.sliceScores = sliceScores
        skipsMissing = options.missing == .skip
        joinsPredictions = options.predictions != nil && !options.usePredictor
        self.evidence = evidence
        let scored: Bool
        switch options.task {
        case .binary: scored = options.score != nil || options.usePredictor
        case .multiclass: scored = options.classScores != nil
        case .regression: scored = false
        }
        // A predictor may answer a label, a score or both, row by row.
        scores = !scored ? .noScores
            : ScoreExpectation(coverage: options.usePredictor ? .some : .every,
                               predictionsFromScores: !options.usePredictor && options.prediction == nil)
    }

    /// What slices keep of the scores.
    var sliceScoreExpectation: ScoreExpectation { sliceScores ? scores : .noScores }
}
