import Document
import ModelGate

/// Any JSON endpoint: the request body is the user's template with the row's inputs filled in
/// (`BodyTemplate`), one row per request (a template describes one row), POSTed to the URL as
/// given; the answer is found in the response at `response` (a path such as `output.label`;
/// the whole response when not given) and read as a `command` predictor's line.
struct JSONTemplateProtocol: ServingProtocol {
    var template: BodyTemplate
    var response: ResponsePath

    var oneRowPerRequest: Bool { true }
    var inferencePath: String { "" }
    var contentType: String { "application/json" }
    var readiness: ReadinessCheck? { nil }

    func encode(_ requests: PredictionRequests, rows: Range<Int>, into body: inout [UInt8]) throws(ServingFailure) {
        let row = rows.lowerBound
        template.render(into: &body) { requests.value(row: row, field: $0) }
    }

    func decode(_ body: [UInt8], count: Int) throws(ServingFailure) -> [PredictionAnswer] {
        var node: Node
        do throws(GateFailure) { node = try ResponseJSON.read(body) } catch { throw ServingFailure(error, row: 0) }
        var walked: [String] = []
        for step in response.steps {
            let next: Node?
            switch step {
            case .key(let key):
                next = node[key]
                walked.append(key)
            case .index(let index):
                next = node.arrayValue.flatMap { index < $0.count ? $0[index] : nil }
                walked.append(String(index))
            }
            guard let next else {
                throw ServingFailure(row: 0, "the response has nothing at '\(walked.joined(separator: "."))' (response: \(response))")
            }
            node = next
        }
        return [try ServingAnswers.answer(node, output: nil, row: 0)]
    }
}
