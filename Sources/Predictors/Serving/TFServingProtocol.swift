import ModelGate

/// TensorFlow Serving's REST API, predict in row format, as its documentation describes it
/// (tensorflow.org/tfx/serving/api_rest, "Predict API" and "Model status API"): POST
/// `/v1/models/{name}:predict` with `{"instances": [...]}`, one element per row, answered by
/// `{"predictions": [...]}`, one element per row; errors are `{"error": "..."}`; GET
/// `/v1/models/{name}` gives the versions' states, ready when one is `AVAILABLE`.
///
/// Rows are arrays of values in `inputs` order by default (a model with one input tensor), or
/// objects of named inputs with `row_format: object`.
struct TFServingProtocol: ServingProtocol {
    var model: String
    var rowFormat: HTTPRowFormat
    var output: String?

    var oneRowPerRequest: Bool { false }
    var inferencePath: String { "/v1/models/\(model):predict" }
    var contentType: String { "application/json" }
    var readiness: ReadinessCheck? {
        ReadinessCheck(path: "/v1/models/\(model)") { body in
            // {"model_version_status": [{"version": "1", "state": "AVAILABLE", ...}]}
            guard let versions = try? ResponseJSON.read(body)["model_version_status"]?.arrayValue else { return false }
            return versions.contains { $0["state"]?.stringValue == "AVAILABLE" }
        }
    }

    func encode(_ requests: PredictionRequests, rows: Range<Int>, into body: inout [UInt8]) throws(ServingFailure) {
        body.append(contentsOf: "{\"instances\":[".utf8)
        for row in rows {
            if row > rows.lowerBound { body.append(UInt8(ascii: ",")) }
            RowWriter.append(requests, row: row, as: rowFormat, to: &body)
        }
        body.append(contentsOf: "]}".utf8)
    }

    func decode(_ body: [UInt8], count: Int) throws(ServingFailure) -> [PredictionAnswer] {
        try ServingAnswers.answers(try ServingAnswers.predictions(body, count: count, bareListAllowed: false), output: output)
    }
}
