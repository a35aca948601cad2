import Document
import Foundation
import ModelGate

/// TorchServe's inference API, as its documentation describes it (pytorch.org/serve,
/// "Inference API"): POST `/predictions/{name}` with the request body handed to the model's
/// handler, GET `/ping` answering 200 (`{"status": "Healthy"}`) when healthy. TorchServe batches
/// on the server side (a model's `batch_size` at registration), so a request carries one row:
/// the row as a JSON object of inputs by name (`row_format: array` for an array of values).
///
/// The answer is the body: JSON read as a `command` predictor's line, or plain text (a handler
/// returning a string) read as a number when it is one, else as a label.
struct TorchServeProtocol: ServingProtocol {
    var model: String
    var rowFormat: HTTPRowFormat
    var output: String?

    var oneRowPerRequest: Bool { true }
    var inferencePath: String { "/predictions/\(model)" }
    var contentType: String { "application/json" }
    var readiness: ReadinessCheck? { ReadinessCheck(path: "/ping") }

    func encode(_ requests: PredictionRequests, rows: Range<Int>, into body: inout [UInt8]) throws(ServingFailure) {
        RowWriter.append(requests, row: rows.lowerBound, as: rowFormat, to: &body)
    }

    func decode(_ body: [UInt8], count: Int) throws(ServingFailure) -> [PredictionAnswer] {
        let first = body.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        let looksJSON = first.map { Array("{[\"-0123456789tfnNI".utf8).contains($0) } ?? true
        guard looksJSON else {
            let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return [PredictionAnswer(prediction: .string(text))]
        }
        let node: Node
        do throws(GateFailure) { node = try ResponseJSON.read(body) } catch { throw ServingFailure(error, row: 0) }
        return [try ServingAnswers.answer(node, output: output, row: 0)]
    }
}
