import Document
import Foundation
import ModelGate

/// TorchServe's inference API, as its documentation describes it (pytorch.org/serve,
/// "Inference API"): POST `/predictions/{name}` with the request body handed to the model's
/// handler, GET `/ping` answering 200 (`{"status": "Healthy"}`) when healthy. TorchServe batches
/// on the server side (a model's `batch_size` at registration), so a request carries one row:
/// the row as a JSON object of inputs by name (`row_format: array` for an array of values).
///
/// The answer is the body: JSON read as a `command` predictor's line (a bare number is JSON), or
/// else one line of plain text (a handler returning a string), read as a label.
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
        let node: Node
        do throws(GateFailure) {
            node = try ResponseJSON.read(body)
        } catch {
            // A handler that returns a string is answered as text: one line, not JSON-looking.
            let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let first = text.utf8.first ?? UInt8(ascii: "{")
            guard !Array("{[\"-0123456789".utf8).contains(first), !text.contains("\n") else { throw ServingFailure(error, row: 0) }
            return [PredictionAnswer(prediction: .string(text))]
        }
        return [try ServingAnswers.answer(node, output: output, row: 0)]
    }
}
