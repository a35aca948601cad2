import Foundation
import HTTP
import ModelGate
@testable import Predictors
import Testing

/// The http predictor over real sockets to a loopback server: it keeps one connection for a
/// gate's batches, and a header's value (a token) reaches the server and nothing else: no error,
/// no log line, whatever the server does with it.
@Suite struct HTTPPredictorSocketTests {
    static let token = "tok-9f8e7d6c5b4a"

    func http(_ url: String, timeout: Duration = .seconds(20)) throws -> HTTPPredictorConfig {
        HTTPPredictorConfig(url: try HTTPEndpoint.parse(url).get(), serving: .mlflow,
                            headers: [.init(name: "Authorization", value: "Bearer \(Self.token)")], timeout: timeout,
                            connectTimeout: .seconds(5))
    }

    func run(_ http: HTTPPredictorConfig, batches: Int = 1, log: GateLog) async throws -> [PredictionAnswer] {
        let config = PredictorConfig(type: "http", command: [], inputs: ["a"], batchSize: 2, options: .init(.null), http: http)
        let predictor = try HTTPPredictor(config: config, log: log)
        let session = try await predictor.openSession()
        do {
            var answers: [PredictionAnswer] = []
            for _ in 0..<batches {
                answers += try await session.predict(try requests("a\n1\n2\n", inputs: ["a"]))
            }
            await session.close()
            return answers
        } catch {
            await session.close()
            throw error
        }
    }

    @Test func batchesShareOneKeptAliveConnection() async throws {
        let server = try LoopbackServer { _ in [.send(okResponse(#"{"predictions": [0.25, 0.75]}"#))] }
        defer { server.stop() }
        let log = GateLog()
        let answers = try await run(try http(server.url), batches: 3, log: log)
        #expect(answers.count == 6)
        #expect(answers.last == PredictionAnswer(prediction: .double(0.75), isBareNumber: true))
        #expect(server.connections == 1)
        #expect(server.requests.count == 3)
        #expect(server.requests[0].head.contains("Authorization: Bearer \(Self.token)"))
        #expect(server.requests[0].head.contains("Content-Type: application/json"))
        #expect(log.contents?.contains("http predictor: 3 requests to \(server.url) (mlflow) through the socket client") == true, "\(log.contents ?? "")")
    }

    @Test func theTokenNeverAppearsInAnErrorOrTheLog() async throws {
        // A server that echoes the request's head in its error page.
        let echo = try LoopbackServer { request in
            let body = "bad request: " + request.head
            return [.send("HTTP/1.1 401 Unauthorized\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")]
        }
        defer { echo.stop() }
        let silent = try LoopbackServer { _ in [.hang] }
        defer { silent.stop() }
        var messages: [String] = []
        let log = GateLog()
        for config in [try http(echo.url), try http(silent.url, timeout: .milliseconds(200)),
                       try http("http://127.0.0.1:\(LoopbackServer.unusedPort())")] {
            do {
                _ = try await run(config, log: log)
                Issue.record("answered")
            } catch {
                messages.append("\(error)")
            }
        }
        #expect(messages.count == 3)
        #expect(messages[0].contains("answered HTTP 401") && messages[0].contains("Authorization: ***"), "\(messages[0])")
        #expect(messages[1].contains("timeout after 0.2 s"), "\(messages[1])")
        #expect(messages[2].contains("refused"), "\(messages[2])")
        for text in messages + [log.contents ?? ""] {
            #expect(!text.contains(Self.token), "\(text)")
            #expect(!text.contains("9f8e7d6c"), "\(text)")
        }
    }
}
