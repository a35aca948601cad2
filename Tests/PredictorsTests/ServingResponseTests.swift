import Document
import HTTP
import ModelGate
@testable import Predictors
import Testing

/// Responses written as each protocol's documentation shows them are read into the answers the
/// `command` predictor gives; anything else (a wrong count, a missing output, NaN, a server
/// error) stops the gate with what is wrong and, when it concerns one, the row.
@Suite struct ServingResponseTests {
    let twoRows = "a\n1\n2\n"

    func answers(_ http: HTTPPredictorConfig, _ bodies: String..., csv: String? = nil) async throws -> [PredictionAnswer] {
        let transport = ScriptedTransport(bodies.map { .success(HTTPResponse(status: 200, body: Array($0.utf8))) })
        return try await predict(predictor(http, inputs: ["a"], transport: transport), csv ?? twoRows)
    }

    func problem(_ http: HTTPPredictorConfig, status: Int = 200, _ body: String, csv: String? = nil) async -> (message: String, request: Int?)? {
        let transport = ScriptedTransport([.success(HTTPResponse(status: status, body: Array(body.utf8)))])
        return await failure { try await predict(predictor(http, inputs: ["a"], transport: transport), csv ?? twoRows) }
    }

    static func number(_ x: Double) -> PredictionAnswer { PredictionAnswer(prediction: .double(x), isBareNumber: true) }
    static func integer(_ x: Int) -> PredictionAnswer { PredictionAnswer(prediction: .int(x), isBareNumber: true) }
    static func label(_ x: String) -> PredictionAnswer { PredictionAnswer(prediction: .string(x)) }

    // MARK: KServe v2 / Open Inference Protocol

    let kserve = HTTPPredictorConfig(url: local, serving: .kserveV2, model: "m")

    @Test func kserveReadsValuesLabelsAndNestedClassScores() async throws {
        #expect(try await answers(kserve, #"{"model_name": "m", "model_version": "1", "id": "42", "outputs": [{"name": "predict", "shape": [2], "datatype": "INT64", "data": [0, 1]}]}"#)
            == [Self.integer(0), Self.integer(1)])
        #expect(try await answers(kserve, #"{"model_name": "m", "outputs": [{"name": "label", "shape": [2, 1], "datatype": "BYTES", "data": ["cat", "dog"]}]}"#)
            == [Self.label("cat"), Self.label("dog")])
        #expect(try await answers(kserve, #"{"model_name": "m", "outputs": [{"name": "probabilities", "shape": [2, 3], "datatype": "FP32", "data": [[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]]}]}"#)
            == [PredictionAnswer(scores: [0.1, 0.2, 0.7]), PredictionAnswer(scores: [0.5, 0.25, 0.25])])
        var named = kserve
        named.output = "probability"
        #expect(try await answers(named, #"{"model_name": "m", "outputs": [{"name": "label", "shape": [2], "datatype": "INT64", "data": [0, 1]}, {"name": "probability", "shape": [2], "datatype": "FP64", "data": [0.25, 0.75]}]}"#)
            == [Self.number(0.25), Self.number(0.75)])
    }

    @Test(arguments: [
        (#"{"outputs": [{"name": "a", "shape": [2], "datatype": "FP64", "data": [1, 2]}, {"name": "b", "shape": [2], "datatype": "FP64", "data": [1, 2]}]}"#,
         "the response has 2 outputs (a, b); name the one to read with 'output' (request of 2 rows)"),
        (#"{"outputs": [{"name": "p", "shape": [3], "datatype": "FP64", "data": [1, 2, 3]}]}"#,
         "output 'p' has shape [3] for 2 rows; expected its first dimension to be 2 (request of 2 rows)"),
        (#"{"outputs": [{"name": "p", "shape": [2, 2], "datatype": "FP64", "data": [1, 2, 3]}]}"#,
         "output 'p' has 3 values for shape [2, 2]; expected 4 (request of 2 rows)"),
        (#"{"outputs": []}"#, "the response has no outputs (request of 2 rows)"),
        (#"{"error": "model m is not ready"}"#, "the server answered an error: model m is not ready (request of 2 rows)"),
        (#"{"model_name": "m"}"#, "expected an object with an 'outputs' list (Open Inference Protocol), got a mapping (request of 2 rows)"),
        (#"{"outputs": [{"name": "p", "shape": [2], "datatype": "FP64"}]}"#, "output 'p' has no 'data' list (binary tensor data is not read) (request of 2 rows)"),
    ])
    func kserveRefusesResponsesThatDoNotAnswerEachRow(body: String, message: String) async {
        let error = await problem(kserve, body)
        #expect(error?.message == message)
        #expect(error?.request == nil)
    }

    @Test func kserveNamesTheRowOfANonFiniteOrUnreadableValue() async {
        let nan = await problem(kserve, #"{"outputs": [{"name": "p", "shape": [2], "datatype": "FP64", "data": [0.5, NaN]}]}"#)
        #expect(nan?.request == 1 && nan?.message == "a prediction must be a finite number, got nan")
        let null = await problem(kserve, #"{"outputs": [{"name": "p", "shape": [2], "datatype": "FP64", "data": [null, 0.5]}]}"#)
        #expect(null?.request == 0 && null?.message == "null is not a prediction")
    }

    // MARK: TF Serving

    let tfserving = HTTPPredictorConfig(url: local, serving: .tfserving, model: "m")

    @Test func tfservingReadsPredictionsOfEachShape() async throws {
        #expect(try await answers(tfserving, #"{"predictions": [2.5, 3.0]}"#) == [Self.number(2.5), Self.number(3.0)])
        // A one-output model answers a one-element list per row.
        #expect(try await answers(tfserving, #"{"predictions": [[0.87], [0.12]]}"#) == [Self.number(0.87), Self.number(0.12)])
        #expect(try await answers(tfserving, #"{"predictions": [[0.2, 0.8], [0.6, 0.4]]}"#)
            == [PredictionAnswer(scores: [0.2, 0.8]), PredictionAnswer(scores: [0.6, 0.4])])
        var named = tfserving
        named.output = "probabilities"
        #expect(try await answers(named, #"{"predictions": [{"probabilities": [0.2, 0.8], "classes": [0, 1]}, {"probabilities": [0.6, 0.4], "classes": [0, 1]}]}"#)
            == [PredictionAnswer(scores: [0.2, 0.8]), PredictionAnswer(scores: [0.6, 0.4])])
    }

    @Test func tfservingErrorsAndCountsAreChecked() async {
        #expect(await problem(tfserving, status: 400, #"{"error": "Failed to process element: 0 key: x of 'instances' list."}"#)?.message
            == "the http predictor http://127.0.0.1:8000 answered HTTP 400 on a request of 2 rows: Failed to process element: 0 key: x of 'instances' list.")
        #expect(await problem(tfserving, #"{"predictions": [1]}"#)?.message == "the response has 1 predictions for 2 rows; expected one per row (request of 2 rows)")
        #expect(await problem(tfserving, #"[1, 2]"#)?.message == "expected an object with a 'predictions' list, got a list (request of 2 rows)")
        var named = tfserving
        named.output = "scores"
        let missing = await problem(named, #"{"predictions": [{"scores": [0.1, 0.9]}, {"classes": [1]}]}"#)
        #expect(missing?.request == 1 && missing?.message == "the answer has no 'scores' (it has: classes)")
    }

    // MARK: MLflow

    @Test func mlflowReadsWrappedOrBarePredictions() async throws {
        let mlflow = HTTPPredictorConfig(url: local, serving: .mlflow)
        #expect(try await answers(mlflow, #"{"predictions": [0, 1]}"#) == [Self.integer(0), Self.integer(1)])
        #expect(try await answers(mlflow, #"["yes", "no"]"#) == [Self.label("yes"), Self.label("no")])
        var named = mlflow
        named.output = "label"
        #expect(try await answers(named, #"{"predictions": [{"label": "cat", "p": 0.9}, {"label": "dog", "p": 0.8}]}"#)
            == [Self.label("cat"), Self.label("dog")])
        #expect(await problem(mlflow, status: 400, #"{"error_code": "BAD_REQUEST", "message": "Failed to predict: missing column 'a'"}"#)?.message
            == "the http predictor http://127.0.0.1:8000 answered HTTP 400 on a request of 2 rows: Failed to predict: missing column 'a'")
    }

    // MARK: SageMaker

    @Test func sagemakerReadsJSONOrCSVAnswers() async throws {
        let sagemaker = HTTPPredictorConfig(url: local, serving: .sagemaker)
        #expect(try await answers(sagemaker, #"{"predictions": [{"score": 0.8, "predicted_label": 1}, {"score": 0.3, "predicted_label": 0}]}"#)
            == [PredictionAnswer(score: 0.8), PredictionAnswer(score: 0.3)])
        #expect(try await answers(sagemaker, "0.25\n0.75\n") == [Self.number(0.25), Self.number(0.75)])
        #expect(try await answers(sagemaker, "0.25,0.75") == [Self.number(0.25), Self.number(0.75)])
        #expect(try await answers(sagemaker, "cat\r\ndog\r\n") == [Self.label("cat"), Self.label("dog")])
        #expect(await problem(sagemaker, "0.1\n0.2\n0.3\n")?.message == "the CSV response has 3 values for 2 rows; expected one per row (request of 2 rows)")
        let nan = await problem(sagemaker, "0.1\nnan\n")
        #expect(nan?.request == 1 && nan?.message == "a prediction must be a finite number, got nan")
    }

    // MARK: TorchServe

    @Test func torchserveReadsEachRowsBody() async throws {
        let torchserve = HTTPPredictorConfig(url: local, serving: .torchserve, model: "m")
        #expect(try await answers(torchserve, "0.73", "[0.2, 0.8]") == [Self.number(0.73), PredictionAnswer(scores: [0.2, 0.8])])
        #expect(try await answers(torchserve, "tabby", #"{"prediction": "tiger"}"#) == [Self.label("tabby"), Self.label("tiger")])
        let transport = ScriptedTransport(json: "0.5", "[NaN, 1]")
        let error = await failure { try await predict(predictor(torchserve, inputs: ["a"], transport: transport), twoRows) }
        #expect(error?.request == 1 && error?.message == "class scores must be finite numbers, got nan")
    }

    // MARK: json template

    @Test func jsonFollowsTheResponsePath() async throws {
        let template = try BodyTemplate(#"{"x": {{a}}}"#, inputs: ["a"])
        let http = HTTPPredictorConfig(url: local, serving: .json, body: template, response: ResponsePath("result.outputs.0")!)
        #expect(try await answers(http, #"{"result": {"outputs": [0.9, 0.1]}}"#, #"{"result": {"outputs": ["b"]}}"#)
            == [Self.number(0.9), Self.label("b")])
        let transport = ScriptedTransport(json: #"{"result": {"outputs": [1]}}"#, #"{"result": {}}"#)
        let error = await failure { try await predict(predictor(http, inputs: ["a"], transport: transport), twoRows) }
        #expect(error?.request == 1 && error?.message == "the response has nothing at 'result.outputs' (response: result.outputs.0)")
    }

    // MARK: Whatever the protocol

    @Test func aResponseThatIsNotJSONSaysWhere() async {
        let error = await problem(HTTPPredictorConfig(url: local, serving: .mlflow), #"{"predictions": [1,"#)
        #expect(error?.message.hasPrefix("the response is not JSON (") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("line 1, column") == true)
    }

    @Test func anHTTPErrorWithoutJSONShowsACutOfItsBody() async {
        let body = "<html>" + String(repeating: "x", count: 500) + "</html>"
        let error = await problem(HTTPPredictorConfig(url: local, serving: .mlflow), status: 502, body)
        #expect(error?.message.hasPrefix("the http predictor http://127.0.0.1:8000 answered HTTP 502 on a request of 2 rows: <html>xxx") == true)
        #expect(error?.message.hasSuffix("… (513 bytes)") == true)
    }

    @Test func aTransportFailureNamesTheClientAndTheEndpoint() async {
        let transport = ScriptedTransport([.failure(.readTimedOut(seconds: 2, receivedBytes: 10))])
        let error = await failure { try await predict(predictor(HTTPPredictorConfig(url: local, serving: .mlflow), inputs: ["a"], transport: transport), twoRows) }
        #expect(error?.message == "the http predictor http://127.0.0.1:8000 (scripted client): timeout after 2 s: no complete response (10 bytes of it received) on a request of 2 rows")
    }
}
