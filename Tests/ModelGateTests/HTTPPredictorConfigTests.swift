import Document
import HTTP
import Testing
@testable import ModelGate

/// The `http` predictor is read and checked with the pipeline: good options become a typed
/// configuration, each bad one a located error before anything runs, and credential headers
/// must come from the environment so that the redactor masks them.
@Suite struct HTTPPredictorConfigTests {
    /// A pipeline whose candidate has this predictor mapping (flow style, on line 5).
    func text(_ predictor: String) -> String {
        "version: 1\ncandidate:\n  name: m\n  version: '1'\n  predictor: \(predictor)\ngates:\n  - {id: g, type: scripted}\n"
    }

    func read(_ predictor: String, environment: [String: String] = [:]) throws -> (HTTPPredictorConfig, PredictorConfig, Pipeline) {
        let parsed = try pipeline(text(predictor), path: "p.yml", environment: environment)
        let config = try #require(parsed.config.candidate.predictor)
        return (try #require(config.http), config, parsed)
    }

    func error(_ predictor: String, environment: [String: String] = [:]) -> String? {
        do {
            _ = try pipeline(text(predictor), path: "p.yml", environment: environment)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func acceptsAKServePredictorWithItsOptions() throws {
        let (http, config, parsed) = try read("""
            {type: http, url: "http://127.0.0.1:8000/base", protocol: kserve-v2, model: credit, inputs: [age, income], \
            headers: {Authorization: "Bearer ${TOKEN}", X-Trace: on, X-Version: 2}, timeout: 5s, connect_timeout: 500ms, \
            tensor: input-0, datatype: FP32, output: probabilities, batch_size: 64}
            """, environment: ["TOKEN": "s3cr3t-token"])
        #expect(config.type == "http" && config.inputs == ["age", "income"] && config.batchSize == 64)
        #expect(http.url == HTTPEndpoint(scheme: .http, host: "127.0.0.1", port: 8000, target: "/base"))
        #expect(http.serving == .kserveV2 && http.model == "credit")
        #expect(http.headers.map(\.name) == ["Authorization", "X-Trace", "X-Version"])
        #expect(http.headers[2].value == "2")
        #expect(http.headers[0].value == "Bearer s3cr3t-token")
        #expect(http.timeout == .seconds(5) && http.connectTimeout == .milliseconds(500))
        #expect(http.tensor == "input-0" && http.datatype == .fp32 && http.output == "probabilities")
        // The token is a secret of the run: every report and log is masked with it.
        #expect(parsed.redactor.secrets.contains("s3cr3t-token"))
        #expect(parsed.redactor.redact("Bearer s3cr3t-token") == "Bearer ***")
    }

    @Test func eachProtocolHasItsDefaults() throws {
        let tf = try read("{type: http, url: 'http://h:8501', protocol: tfserving, model: m, inputs: [a]}").0
        #expect(tf.rowFormat == .array && tf.timeout == .seconds(60))
        let torch = try read("{type: http, url: 'http://h:8080', protocol: torchserve, model: m, inputs: [a]}")
        #expect(torch.0.rowFormat == .object && torch.1.batchSize == 1)
        let ml = try read("{type: http, url: 'https://h', protocol: mlflow, inputs: [a]}")
        #expect(ml.0.url.scheme == .https && ml.1.batchSize == HTTPPredictorConfig.defaultBatchSize)
        let json = try read(#"{type: http, url: 'http://h/score', protocol: json, inputs: [a, b], body: '{"x": {{a}}, "t": "id {{ b }}"}', response: out.0}"#)
        #expect(json.0.response == ResponsePath(steps: [.key("out"), .index(0)]))
        #expect(json.0.body?.segments == [.literal(Array(#"{"x": "#.utf8)), .field(0, inString: false),
                                          .literal(Array(#", "t": "id "#.utf8)), .field(1, inString: true), .literal(Array(#""}"#.utf8))])
    }

    @Test(arguments: [
        ("{type: http, protocol: mlflow, inputs: [a]}", "{", "candidate.predictor is missing required key 'url'"),
        ("{type: http, url: 'ftp://h', protocol: mlflow, inputs: [a]}", "'ftp", "'url': expected a URL starting with http:// or https://"),
        ("{type: http, url: 'http://u:p@h', protocol: mlflow, inputs: [a]}", "'http://u", "'url': credentials in the URL (user@host) are not accepted"),
        ("{type: http, url: 'http://h/x?y', protocol: mlflow, inputs: [a]}", "'http://h/x", "'url': a query ('?…') only fits protocol json"),
        ("{type: http, url: 'http://h', protocol: kserve, inputs: [a]}", "kserve,", "'protocol' must be one of kserve-v2, tfserving, mlflow, sagemaker, torchserve, json, got 'kserve'"),
        ("{type: http, url: 'http://h', protocol: kserve-v2, inputs: [a]}", "{", "candidate.predictor is missing required key 'model'"),
        ("{type: http, url: 'http://h', protocol: tfserving, model: 'a/b', inputs: [a]}", "'a/b'", "'model' must be the served model's name"),
        ("{type: http, url: 'http://h', protocol: mlflow, model: m, inputs: [a]}", "model:", "unknown key 'model' in candidate.predictor"),
        ("{type: http, url: 'http://h', protocol: mlflow, inputs: []}", "[]", "'inputs' must list the data columns the model reads"),
        ("{type: http, url: 'http://h', protocol: mlflow, inputs: [a], timeout: soon}", "soon", "'timeout' must be a duration like 500ms, 30s or 2m"),
        ("{type: http, url: 'http://h', protocol: mlflow, inputs: [a], batch_size: 0}", "0}", "'batch_size' must be between 1 and 1000000"),
        ("{type: http, url: 'http://h', protocol: torchserve, model: m, inputs: [a], batch_size: 8}", "8}", "'batch_size' does not apply: protocol 'torchserve' sends one row per request"),
        ("{type: http, url: 'http://h', protocol: kserve-v2, model: m, inputs: [a], datatype: FP8}", "FP8", "'datatype' must be one of FP64, FP32, INT64, INT32, BYTES"),
        ("{type: http, url: 'http://h', protocol: tfserving, model: m, inputs: [a], row_format: rows}", "rows", "'row_format' must be 'object'"),
        ("{type: http, url: 'http://h', protocol: sagemaker, inputs: [a], tensor: x}", "tensor:", "unknown key 'tensor' in candidate.predictor"),
        ("{type: http, url: 'http://h', protocol: json, inputs: [a]}", "{", "candidate.predictor is missing required key 'body'"),
        ("{type: http, url: 'http://h', protocol: json, inputs: [a], body: '{\"x\": {{b}}}'}", "'{", "placeholder 'b' in 'body' names no input; list it in 'inputs'"),
        ("{type: http, url: 'http://h', protocol: json, inputs: [a], body: '{\"x\": {{a}'}", "'{", "'{{' at byte 7 of 'body' has no closing '}}'"),
        ("{type: http, url: 'http://h', protocol: json, inputs: [a], body: '{\"x\": \"{{a}}\"'}", "'{", "'body' is not JSON once its placeholders are filled"),
        ("{type: http, url: 'http://h', protocol: json, inputs: [a], body: '{\"x\": 1}'}", "'{", "'body' has no {{field}} placeholder"),
        ("{type: http, url: 'http://h', protocol: json, inputs: [a], body: {x: 1}}", "{x: 1}", "'body' must be the request's JSON text as a string"),
        ("{type: http, url: 'http://h', protocol: json, inputs: [a], body: '[{{a}}]', response: 'a..b'}", "'a..b'", "'response' must be a path"),
        ("{type: http, url: 'http://h', protocol: mlflow, inputs: [a], headers: [a]}", "[a]}", "'headers' must be a mapping"),
        ("{type: http, url: 'http://h', protocol: mlflow, inputs: [a], headers: {'X Y': v}}", "'X Y'", "'headers': 'X Y' is not a header name"),
        ("{type: http, url: 'http://h', protocol: mlflow, inputs: [a], headers: {Content-Length: '3'}}", "Content-Length", "'headers': 'Content-Length' is set by the client itself"),
        ("{type: http, url: 'http://h', protocol: mlflow, inputs: [a], headers: {X-N: [3]}}", "[3]", "header 'X-N' must have a string value, got "),
        ("{type: onnx, model: m.onnx}", "onnx", "predictor type 'onnx' is not available yet; use 'command' (a program reading JSON lines) or 'http' (a served model)"),
        ("{type: grpc}", "grpc", "predictor type must be 'command' or 'http', got 'grpc'"),
    ])
    func eachBadOptionIsRefusedWithItsPlace(predictor: String, at marker: String, expected: String) throws {
        let offset = try #require(predictor.range(of: marker)).lowerBound.utf16Offset(in: predictor)
        let expected = "p.yml:5:\(14 + offset): error: \(expected)"
        let message = error(predictor)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "accepted")")
    }

    @Test func aCredentialHeaderMustComeFromTheEnvironment() {
        let literal = error("{type: http, url: 'http://h', protocol: mlflow, inputs: [a], headers: {Authorization: Bearer abcdef}}")
        #expect(literal?.hasPrefix("p.yml:5:100: error: header 'Authorization' carries a credential: take it from the environment") == true, "\(literal ?? "")")
        #expect(literal?.contains("abcdef") == false)
        // A variable too short to be masked gives no protection either.
        let short = error("{type: http, url: 'http://h', protocol: mlflow, inputs: [a], headers: {X-API-Key: '${K}'}}", environment: ["K": "abc"])
        #expect(short?.contains("carries a credential") == true)
        #expect(short?.contains("abc") == false || short?.contains("abc") == nil)
    }

    @Test func aHeaderValueThatCouldInjectIsRefusedWithoutShowingIt() {
        let message = error("{type: http, url: 'http://h', protocol: mlflow, inputs: [a], headers: {X-Token: \"${T}\"}}",
                            environment: ["T": "line1\nX-Evil: yes"])
        #expect(message?.hasPrefix("p.yml:5:94: error: 'headers': the value of 'X-Token' has a line break") == true, "\(message ?? "")")
        #expect(message?.contains("Evil") == false)
    }
}
