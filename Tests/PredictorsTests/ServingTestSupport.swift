import Document
import HTTP
import ModelGate
@testable import Predictors
import Synchronization
import Tabular

/// A transport that records each request and answers from a script, so that protocols are
/// checked byte for byte without a server.
final class ScriptedTransport: HTTPTransport {
    let endpoint: HTTPEndpoint
    var clientName: String { "scripted" }
    var resentRequests: Int { 0 }
    private let state: Mutex<(sent: [HTTPRequest], answers: [Result<HTTPResponse, HTTPClientError>])>

    init(_ answers: [Result<HTTPResponse, HTTPClientError>], endpoint: HTTPEndpoint = HTTPEndpoint(scheme: .http, host: "h", port: 80)) {
        self.endpoint = endpoint
        state = Mutex((sent: [], answers: answers))
    }

    /// Answers each request with a 200 of this JSON text, in turn.
    convenience init(json bodies: String...) {
        self.init(bodies.map { .success(HTTPResponse(status: 200, contentType: "application/json", body: Array($0.utf8))) })
    }

    var sent: [HTTPRequest] { state.withLock { $0.sent } }
    var bodies: [String] { sent.map { String(decoding: $0.body, as: UTF8.self) } }

    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let answer: Result<HTTPResponse, HTTPClientError> = state.withLock { state in
            state.sent.append(request)
            return state.answers.isEmpty ? .failure(.transport("no scripted answer left")) : state.answers.removeFirst()
        }
        return try answer.get()
    }

    func close() async {}
}

/// The requests of a CSV text's rows for `inputs`.
func requests(_ csv: String, inputs: [String]) throws -> PredictionRequests {
    let reader = try CSVReader(bytes: Array(csv.utf8))
    let fields = try RequestFields(inputs, in: reader)
    var requests = PredictionRequests()
    while let row = try reader.next() { requests.append(row, fields) }
    return requests
}

/// An http predictor over `transport` for these options.
func predictor(_ http: HTTPPredictorConfig, inputs: [String], batchSize: Int = 100, transport: ScriptedTransport,
               log: GateLog = GateLog()) -> HTTPPredictor {
    let config = PredictorConfig(type: "http", command: [], inputs: inputs, batchSize: batchSize, options: Node(.null), http: http)
    return HTTPPredictor(config: config, http: http, log: log, transport: { transport })
}

/// The answers the predictor gives for the rows of `csv`, or the error it throws.
func predict(_ predictor: HTTPPredictor, _ csv: String) async throws -> [PredictionAnswer] {
    let session = try await predictor.openSession()
    do {
        let answers = try await session.predict(try requests(csv, inputs: predictor.inputs))
        await session.close()
        return answers
    } catch {
        await session.close()
        throw error
    }
}

/// What a failed prediction says: the message, and the request index when it names one.
func failure(_ body: () async throws -> [PredictionAnswer]) async -> (message: String, request: Int?)? {
    do {
        _ = try await body()
        return nil
    } catch let failure as PredictionFailure {
        return (failure.message, failure.request)
    } catch let failure as GateFailure {
        return (failure.message, nil)
    } catch {
        return ("\(error)", nil)
    }
}

let local = HTTPEndpoint(scheme: .http, host: "127.0.0.1", port: 8000)
