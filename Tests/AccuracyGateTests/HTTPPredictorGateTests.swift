import Foundation
import ModelGate
import Testing
@testable import AccuracyGate

/// The accuracy gate with an `http` predictor: a KServe v2 server on loopback answers the same
/// scores as a `command` predictor or a score column, so the metrics agree; a failing server is
/// an error, and its token shows in no report.
@Suite struct HTTPPredictorGateTests {
    /// 7 rows; the "model" answers x as the positive class's score.
    static let data = "x,label\n0.9,1\n0.2,0\n0.7,1\n0.4,0\n0.35,1\n0.1,0\n0.8,0\n"

    /// A KServe v2 server whose model answers the first input of each row as its score.
    static func echoingServer() throws -> LoopbackServer {
        try LoopbackServer { request in
            guard let object = try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any],
                  let input = (object["inputs"] as? [[String: Any]])?.first,
                  let shape = input["shape"] as? [Int], let data = input["data"] as? [Double] else {
                return [.send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")]
            }
            let scores = stride(from: 0, to: data.count, by: shape[1]).map { String(data[$0]) }.joined(separator: ",")
            return [.send(okResponse(#"{"model_name": "m", "outputs": [{"name": "p", "shape": [\#(shape[0])], "datatype": "FP64", "data": [\#(scores)]}]}"#))]
        }
    }

    func run(predictor: String, gate: String, environment: [String: String] = [:]) async throws -> RunReport {
        let folder = NSTemporaryDirectory() + "modelgate-http-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(Self.data.utf8).write(to: URL(fileURLWithPath: folder + "/test.csv"))
        let pipeline = "version: 1\ncandidate:\n  name: m\n  version: '1'\n  predictor: \(predictor)\ngates:\n  - \(gate)\n"
        try Data(pipeline.utf8).write(to: URL(fileURLWithPath: folder + "/pipeline.yml"))
        let parsed = try PipelineReader(registry: GateRegistry(builtins: [AccuracyGate.self]), environment: environment)
            .read(path: folder + "/pipeline.yml")
        return await PipelineRunner(toolVersion: "test", options: RunOptions()).run(parsed, artifacts: [])
    }

    @Test func scoresFromAServedModelGiveTheSameMetricsAsAScoreColumn() async throws {
        let server = try Self.echoingServer()
        defer { server.stop() }
        let viaHTTP = try await run(
            predictor: "{type: http, url: '\(server.url)', protocol: kserve-v2, model: m, inputs: [x], batch_size: 3}",
            gate: "{id: q, type: accuracy, data: test.csv, task: binary, label: label, use_predictor: true, decide: point, thresholds: {roc_auc: '>= 0.01'}}")
        let viaColumn = try await run(
            predictor: "{type: http, url: '\(server.url)', protocol: kserve-v2, model: m, inputs: [x]}",
            gate: "{id: q, type: accuracy, data: test.csv, task: binary, label: label, score: x, decide: point, thresholds: {roc_auc: '>= 0.01'}}")
        let http = viaHTTP.gates[0], column = viaColumn.gates[0]
        #expect(http.status == .pass, "\(http.error ?? "")")
        #expect(http.metrics.map(\.name) == column.metrics.map(\.name))
        #expect(zip(http.metrics, column.metrics).allSatisfy { $0.value == $1.value || ($0.value.isNaN && $1.value.isNaN) })
        #expect(server.requests.count == 3, "7 rows in batches of 3")
        #expect(server.connections == 1)
        #expect(http.log?.contains("3 requests to \(server.url) (kserve-v2) through the socket client") == true, "\(http.log ?? "")")
    }

    @Test func aFailingServerIsAnErrorAndItsTokenIsInNoReport() async throws {
        let token = "s3cr3t-Token-4711"
        // The server echoes the request's head, token included, in its error.
        let server = try LoopbackServer { request in
            let body = #"{"error": "denied: \#(request.head.replacingOccurrences(of: "\r\n", with: " | "))"}"#
            return [.send("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")]
        }
        defer { server.stop() }
        let report = try await run(
            predictor: "{type: http, url: '\(server.url)', protocol: kserve-v2, model: m, inputs: [x], headers: {Authorization: 'Bearer ${TOKEN}'}}",
            gate: "{id: q, type: accuracy, data: test.csv, task: binary, label: label, use_predictor: true, thresholds: {roc_auc: '>= 0.5'}}",
            environment: ["TOKEN": token])
        let gate = report.gates[0]
        #expect(gate.status == .error)
        #expect(gate.error?.contains("answered HTTP 500 on a request of 7 rows: denied: POST /v2/models/m/infer HTTP/1.1") == true, "\(gate.error ?? "")")
        #expect(server.requests.first?.head.contains("Authorization: Bearer \(token)") == true)
        for reporter in [JSONReporter().render(report), ConsoleReporter(color: false).render(report)] {
            #expect(!reporter.contains(token))
            #expect(!reporter.contains("4711"))
        }
    }
}
