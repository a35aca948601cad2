import HTTP
import ModelGate
import Predictors

/// The target a latency gate loads: the candidate's predictor, reached the way it is served.
/// An `http` predictor's endpoint gets the socket load generator (`https` goes through URLSession,
/// one call at a time per slot, and the report says its numbers are not comparable); a `command`
/// predictor gets one process per slot.
enum LoadTargets {
    static func make(_ options: LatencyOptions, context: GateContext) async throws -> any LoadTarget {
        let predictor = try CandidatePredictor.make(context)
        let requests = try RequestRows.read(options, inputs: predictor.inputs, context: context)
        if let command = predictor as? CommandPredictor, !command.config.persistent {
            context.log.write("the command predictor starts a process per request, and its start-up counts in every latency; set 'persistent: true' on it to measure its answers")
        }
        guard let served = predictor as? HTTPPredictor else {
            return PredictorLoad(predictor: predictor, requests: requests)
        }
        let url = served.http.url
        let endpoint: LoadEndpoint
        do {
            endpoint = try LoadEndpoint(host: url.host, port: url.port)
        } catch {
            throw GateFailure("the latency gate loads a numeric loopback address (127.0.0.1, [::1]) or localhost, not \(url.host): \(error)")
        }
        guard endpoint.isLoopback else {
            throw GateFailure("the latency gate sends load only to loopback (127.0.0.1 or ::1), not to \(url)")
        }
        // One server for the whole gate, however many connections or sessions load it.
        let server = try await ManagedServer.startIfConfigured(served.http, inputs: served.inputs, workingDirectory: context.baseDirectory,
                                                               lifetime: context.timeout, log: context.log)
        do {
            switch url.scheme {
            case .http:
                let encoded = try served.encodedRequests(requests)
                return try HTTPLoad(endpoint: endpoint, requests: LoadRequests(cycling: encoded), server: server) { _, body in
                    switch served.answerProblem(body, count: 1) {
                    case nil: return nil
                    case .wrongCount?: return .wrongAnswerCount
                    case .unreadable?: return .invalidResponse
                    }
                }
            case .https:
                context.log.write("https goes through URLSession, one request at a time per slot: its latencies include URLSession's own queues and TLS, and are not comparable with the socket client's")
                return PredictorLoad(predictor: try served.withoutServerStart(), requests: requests, server: server,
                                     client: "URLSession (https; not comparable with the socket client's numbers)")
            }
        } catch {
            await server?.stop()
            throw error
        }
    }
}
