import Document
import HTTP
import ModelGate
@testable import Predictors
import Testing

/// Each protocol's request for a small batch, byte for byte: the path, the content type and the
/// body, as the protocol's specification writes them (see each protocol's type).
@Suite struct ServingRequestTests {
    let csv = "a,b\n1,x\n2.5,\n"

    func sent(_ http: HTTPPredictorConfig, csv: String? = nil, inputs: [String] = ["a", "b"], answers: Int = 1,
              answer: String = #"{"predictions": [1, 0]}"#) async throws -> ScriptedTransport {
        let transport = ScriptedTransport(Array(repeating: .success(HTTPResponse(status: 200, body: Array(answer.utf8))), count: answers))
        _ = try await predict(predictor(http, inputs: inputs, transport: transport), csv ?? self.csv)
        return transport
    }

    @Test func kserveSendsOneFlatTensorOfShapeRowsByInputs() async throws {
        let http = HTTPPredictorConfig(url: HTTPEndpoint(scheme: .http, host: "h", port: 80, target: "/base"), serving: .kserveV2, model: "credit")
        let answer = #"{"outputs": [{"name": "p", "shape": [2], "datatype": "FP64", "data": [0.1, 0.9]}]}"#
        let transport = try await sent(http, csv: "a,b\n1,2\n3.5,-4\n", answer: answer)
        #expect(transport.sent.map(\.target) == ["/base/v2/models/credit/infer"])
        #expect(transport.sent.map(\.contentType) == ["application/json"])
        #expect(transport.bodies == [#"{"inputs":[{"name":"input","shape":[2,2],"datatype":"FP64","data":[1.0,2.0,3.5,-4.0]}]}"#])
    }

    @Test func kserveWritesWholeNumbersForIntegerTensorsAndAsksForItsOutput() async throws {
        var http = HTTPPredictorConfig(url: local, serving: .kserveV2, model: "m", tensor: "x", datatype: .int64, output: "label")
        let answer = #"{"outputs": [{"name": "label", "shape": [2, 1], "datatype": "BYTES", "data": ["a", "b"]}]}"#
        #expect(try await sent(http, csv: "a,b\n1,2\n3,-4\n", answer: answer).bodies
            == [#"{"inputs":[{"name":"x","shape":[2,2],"datatype":"INT64","data":[1,2,3,-4]}],"outputs":[{"name":"label"}]}"#])
        http.datatype = .bytes
        #expect(try await sent(http, csv: "a,b\n1,x\n2,y\n", answer: answer).bodies
            == [#"{"inputs":[{"name":"x","shape":[2,2],"datatype":"BYTES","data":["1.0","x","2.0","y"]}],"outputs":[{"name":"label"}]}"#])
    }

    @Test func kserveRefusesAValueItsDatatypeCannotCarryNamingTheRow() async throws {
        let http = HTTPPredictorConfig(url: local, serving: .kserveV2, model: "m", datatype: .int32)
        let transport = ScriptedTransport(json: "{}")
        let error = await failure { try await predict(predictor(http, inputs: ["a", "b"], transport: transport), "a,b\n1,2\n3.5,4\n") }
        #expect(error?.request == 1)
        #expect(error?.message == "input 'a' is a number, but datatype INT32 needs a whole number")
        let text = await failure { try await predict(predictor(HTTPPredictorConfig(url: local, serving: .kserveV2, model: "m"), inputs: ["a", "b"], transport: transport), csv) }
        #expect(text?.request == 0 && text?.message == "input 'b' is text, but datatype FP64 needs a number")
        #expect(transport.sent.isEmpty, "nothing is sent for a batch that cannot be encoded")
    }

    @Test func tfservingSendsInstancesAsArraysOrObjects() async throws {
        var http = HTTPPredictorConfig(url: local, serving: .tfserving, model: "half_plus_two")
        let transport = try await sent(http)
        #expect(transport.sent.map(\.target) == ["/v1/models/half_plus_two:predict"])
        #expect(transport.bodies == [#"{"instances":[[1.0,"x"],[2.5,null]]}"#])
        http.rowFormat = .object
        #expect(try await sent(http).bodies == [#"{"instances":[{"a":1.0,"b":"x"},{"a":2.5,"b":null}]}"#])
    }

    @Test func mlflowSendsADataFrameSplitByColumns() async throws {
        let transport = try await sent(HTTPPredictorConfig(url: local, serving: .mlflow))
        #expect(transport.sent.map(\.target) == ["/invocations"])
        #expect(transport.bodies == [#"{"dataframe_split":{"columns":["a","b"],"data":[[1.0,"x"],[2.5,null]]}}"#])
    }

    @Test func sagemakerSendsCSVRowsQuotingWhatNeedsIt() async throws {
        let transport = try await sent(HTTPPredictorConfig(url: local, serving: .sagemaker), csv: "a,b\n1,x\n2.5,\n-3,\"p, \"\"q\"\"\"\n",
                                       answer: "1\n0\n1\n")
        #expect(transport.sent.map(\.target) == ["/invocations"])
        #expect(transport.sent.map(\.contentType) == ["text/csv"])
        #expect(transport.bodies == ["1.0,x\n2.5,\n-3.0,\"p, \"\"q\"\"\"\n"])
    }

    @Test func torchserveSendsOneRequestPerRow() async throws {
        let transport = try await sent(HTTPPredictorConfig(url: local, serving: .torchserve, model: "resnet"), answers: 2, answer: "0.5")
        #expect(transport.sent.map(\.target) == ["/predictions/resnet", "/predictions/resnet"])
        #expect(transport.bodies == [#"{"a":1.0,"b":"x"}"#, #"{"a":2.5,"b":null}"#])
    }

    @Test func jsonFillsTheTemplateOncePerRow() async throws {
        let template = try BodyTemplate(#"{"features": {"a": {{a}}, "b": {{b}}}, "note": "b={{b}}; a={{a}}"}"#, inputs: ["a", "b"])
        let http = HTTPPredictorConfig(url: HTTPEndpoint(scheme: .http, host: "h", port: 80, target: "/score?v=2"), serving: .json, body: template)
        let transport = try await sent(http, csv: "a,b\n1,\"say \"\"hi\"\"\"\n2.5,\n", answers: 2, answer: "1")
        #expect(transport.sent.map(\.target) == ["/score?v=2", "/score?v=2"])
        #expect(transport.bodies == [#"{"features": {"a": 1.0, "b": "say \"hi\""}, "note": "b=say \"hi\"; a=1.0"}"#,
                                     #"{"features": {"a": 2.5, "b": null}, "note": "b=; a=2.5"}"#])
        for body in transport.sent.map(\.body) { #expect(throws: Never.self) { try JSONReader.read(body) } }
    }

    @Test func predictionsArePostedAndMayBeResentWhenUnanswered() async throws {
        let transport = try await sent(HTTPPredictorConfig(url: local, serving: .mlflow))
        #expect(transport.sent.allSatisfy { $0.method == .post && $0.mayResend })
    }

    @Test func eachProtocolNamesItsReadinessCheck() throws {
        func path(_ serving: HTTPPredictorConfig.ServingProtocol) throws -> String? {
            var http = HTTPPredictorConfig(url: local, serving: serving, model: "m")
            if serving == .json { http.body = try BodyTemplate("[{{a}}]", inputs: ["a"]) }
            return HTTPPredictor.readiness(for: http, inputs: ["a"])?.path
        }
        #expect(try path(.kserveV2) == "/v2/health/ready")
        #expect(try path(.tfserving) == "/v1/models/m")
        #expect(try path(.mlflow) == "/ping")
        #expect(try path(.sagemaker) == "/ping")
        #expect(try path(.torchserve) == "/ping")
        #expect(try path(.json) == nil)
        let tf = try #require(HTTPPredictor.readiness(for: HTTPPredictorConfig(url: local, serving: .tfserving, model: "m"), inputs: ["a"]))
        let available = #"{"model_version_status": [{"version": "1", "state": "AVAILABLE", "status": {"error_code": "OK", "error_message": ""}}]}"#
        let loading = #"{"model_version_status": [{"version": "1", "state": "LOADING", "status": {"error_code": "OK", "error_message": ""}}]}"#
        #expect(tf.isReady(HTTPResponse(status: 200, body: Array(available.utf8))))
        #expect(!tf.isReady(HTTPResponse(status: 200, body: Array(loading.utf8))))
        #expect(!tf.isReady(HTTPResponse(status: 503, body: Array(available.utf8))))
    }
}
