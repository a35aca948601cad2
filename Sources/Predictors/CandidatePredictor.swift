import ModelGate

/// The predictor the pipeline's `candidate.predictor` describes, for a gate that needs one.
public enum CandidatePredictor {
    public static func make(_ context: GateContext) throws(GateFailure) -> any Predictor {
        guard let config = context.candidate.predictor else {
            throw GateFailure("this gate needs the candidate's predictor, but the pipeline's candidate has none (candidate.predictor)")
        }
        switch config.type {
        case "command":
            return CommandPredictor(config: config, workingDirectory: context.baseDirectory, timeout: context.timeout, log: context.log)
        case "http":
            var predictor = try HTTPPredictor(config: config, log: context.log)
            predictor.workingDirectory = context.baseDirectory
            predictor.serverLifetime = context.timeout
            return predictor
        default:
            // The pipeline reader refuses other types; this keeps a new type from passing unnoticed.
            throw GateFailure("predictor type '\(config.type)' is not available")
        }
    }
}
