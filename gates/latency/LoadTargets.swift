import ModelGate
import Predictors

/// The target a latency gate loads: the candidate's predictor, reached the way it is served.
enum LoadTargets {
    static func make(_ options: LatencyOptions, context: GateContext) throws -> any LoadTarget {
        let predictor = try CandidatePredictor.make(context)
        let requests = try RequestRows.read(options, inputs: predictor.inputs, context: context)
        if let command = predictor as? CommandPredictor, !command.config.persistent {
            context.log.write("the command predictor starts a process per request, and its start-up counts in every latency; set 'persistent: true' on it to measure its answers")
        }
        return PredictorLoad(predictor: predictor, requests: requests)
    }
}
