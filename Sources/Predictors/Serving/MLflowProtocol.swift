import Document
import ModelGate

/// MLflow's scoring server (`mlflow models serve`), as its documentation describes it
/// (mlflow.org, "Deploy MLflow Model as a Local Inference Server": endpoints and accepted input
/// formats): POST `/invocations` with `{"dataframe_split": {"columns": [...], "data": [[...]]}}`,
/// answered by `{"predictions": [...]}` (MLflow 2 and later) or a bare list (earlier versions);
/// GET `/ping` answers 200 when the server is up.
///
/// The columns are `inputs`; a prediction that is an object (a model returning a data frame) is
/// read through `output` when given.
struct MLflowProtocol: ServingProtocol {
    var inputs: [String]
    var output: String?

    var oneRowPerRequest: Bool { false }
    var inferencePath: String { "/invocations" }
    var contentType: String { "application/json" }
    var readiness: ReadinessCheck? { ReadinessCheck(path: "/ping") }

    func encode(_ requests: PredictionRequests, rows: Range<Int>, into body: inout [UInt8]) throws(ServingFailure) {
        body.append(contentsOf: "{\"dataframe_split\":{\"columns\":".utf8)
        body.append(contentsOf: JSONWriter.write(Node(.array(inputs.map { Node(.string($0)) })), pretty: false).utf8)
        body.append(contentsOf: ",\"data\":[".utf8)
        for row in rows {
            if row > rows.lowerBound { body.append(UInt8(ascii: ",")) }
            RowWriter.append(requests, row: row, as: .array, to: &body)
        }
        body.append(contentsOf: "]}}".utf8)
    }

    func decode(_ body: [UInt8], count: Int) throws(ServingFailure) -> [PredictionAnswer] {
        try ServingAnswers.answers(try ServingAnswers.predictions(body, count: count, bareListAllowed: true), output: output)
    }
}
