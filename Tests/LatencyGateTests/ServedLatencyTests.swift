import Foundation
import GateTestSupport
import ModelGate
import Testing
@testable import LatencyGate

/// The latency gate against a served model: the candidate's `http` predictor (KServe v2 here),
/// answers checked by the protocol, and a server the gate starts and stops itself.
@Suite struct ServedLatencyTests {
    static func kserve(delay: Duration = .zero, answer: String = #"{"outputs":[{"name":"score","shape":[1],"datatype":"FP64","data":[0.5]}]}"#,
                       ready: Int = 200) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { _, request in
            if request.method == "GET" { return LoopbackReply(status: ready, body: "{}") }
            return LoopbackReply(body: answer, delay: delay)
        }
    }

    func workspace(_ server: LoopbackHTTPServer, extra: String = "") throws -> LatencyWorkspace {
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        space.workspace.candidate = "{name: m, version: '1', predictor: {type: http, url: 'http://127.0.0.1:\(server.port)', protocol: kserve-v2, model: m, inputs: [x]\(extra)}}"
        return space
    }

    @Test func aServedModelIsLoadedWithItsProtocolsRequests() async throws {
        let server = try Self.kserve(delay: .milliseconds(10))
        let result = try await workspace(server).run("data: rows.csv\nconcurrency: 4\nrequests: 80\nthresholds: {p50_ms: '<= 60000'}")
        #expect(result.status == .pass, "\(result.error ?? result.summary)")
        #expect(result.evidence["requests"] == 80)
        #expect(server.requestCount == 80)
        #expect(server.lastRequest?.target == "/v2/models/m/infer")
        #expect(server.lastRequest?.bodyText.contains("\"inputs\"") == true)
        #expect(try #require(result.metric("p50_ms")) >= 10)
        #expect(result.summary.contains("socket client"))
    }

    /// `https` goes through URLSession, which checks the server's certificate: a server that
    /// cannot prove who it is must stop the gate with the cause, never give latencies or a pass.
    @Test(.enabled(if: UntrustedTLSServer.isAvailable))
    func anHttpsEndpointWithAnUntrustedCertificateIsAnErrorNotAPass() async throws {
        let server = try UntrustedTLSServer()
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        space.workspace.candidate = "{name: m, version: '1', predictor: {type: http, url: 'https://127.0.0.1:\(server.port)', protocol: kserve-v2, model: m, inputs: [x]}}"
        let result = try await space.run("data: rows.csv\nrequests: 5")
        #expect(result.status == .error, "\(result.summary)")
        #expect(result.error?.contains("certificate") == true, "\(result.error ?? "")")
        #expect(result.metric("p50_ms") == nil)
        // The client was chosen before the first request: the log says which, and why its numbers differ.
        #expect(result.log?.contains("https goes through URLSession") == true, "\(result.log ?? "")")
        #expect(result.log?.contains("not comparable with the socket client's") == true)
    }

    @Test func answersWithTheWrongCountOrUnreadableAreCountedByKind() async throws {
        let twoAnswers = try Self.kserve(answer: #"{"outputs":[{"name":"score","shape":[2],"datatype":"FP64","data":[0.5,0.4]}]}"#)
        let wrong = try await workspace(twoAnswers).run("data: rows.csv\nrequests: 5")
        #expect(wrong.evidence["errors_wrong_answer_count"] == 5)
        #expect(wrong.status == .fail)
        let garbage = try Self.kserve(answer: "not json")
        let unreadable = try await workspace(garbage).run("data: rows.csv\nrequests: 5")
        #expect(unreadable.evidence["errors_invalid_response"] == 5)
    }

    @Test func aStartedServerIsWaitedForAndStoppedWithTheGate() async throws {
        // The "server" process stands in for a real one: the loopback server answers the
        // readiness GET only once the process has written its pid, so the gate must wait for it;
        // then the test checks the process's life: started, waited for, stopped with the gate.
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        let pidFile = space.root + "/server.pid"
        let server = try LoopbackHTTPServer { _, request in
            if request.method == "GET" { return LoopbackReply(status: FileManager.default.fileExists(atPath: pidFile) ? 200 : 503, body: "{}") }
            return LoopbackReply(body: #"{"outputs":[{"name":"score","shape":[1],"datatype":"FP64","data":[0.5]}]}"#)
        }
        space.workspace.candidate = "{name: m, version: '1', predictor: {type: http, url: 'http://127.0.0.1:\(server.port)', protocol: kserve-v2, model: m, inputs: [x], start: [sh, serve.sh]}}"
        try space.workspace.write("serve.sh", "echo $$ > server.pid.tmp && mv server.pid.tmp server.pid\nexec sleep 3600\n")
        let result = try await space.run("data: rows.csv\nrequests: 10")
        #expect(result.status == .pass, "\(result.error ?? result.summary)")
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "the server outlived the gate")
        #expect(result.log?.contains("ready at") == true)
    }

    @Test func aServerThatExitsBeforeItIsReadyIsAnErrorWithItsLastOutput() async throws {
        let server = try Self.kserve()
        let port = server.port
        #expect(server.stop())
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        space.workspace.candidate = "{name: m, version: '1', predictor: {type: http, url: 'http://127.0.0.1:\(port)', protocol: kserve-v2, model: m, inputs: [x], start: [sh, serve.sh]}}"
        try space.workspace.write("serve.sh", "echo 'cannot load model.onnx' >&2\nexit 3\n")
        let result = try await space.run("data: rows.csv\nrequests: 10")
        #expect(result.status == .error)
        #expect(result.error?.contains("before it was ready") == true, "\(result.error ?? "")")
        #expect(result.error?.contains("cannot load model.onnx") == true)
    }

    @Test func aServerThatNeverGetsReadyIsAnErrorAndIsStopped() async throws {
        let server = try Self.kserve(ready: 503)
        let space = try workspace(server, extra: ", start: [sh, serve.sh], ready_timeout: 1s")
        try space.workspace.write("serve.sh", "echo $$ > server.pid\nexec sleep 3600\n")
        let result = try await space.run("data: rows.csv\nrequests: 10")
        #expect(result.status == .error)
        #expect(result.error?.contains("was not ready within") == true, "\(result.error ?? "")")
        #expect(result.error?.contains("answered 503") == true)
        let pid = try #require(Int32(try String(contentsOfFile: space.root + "/server.pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
        #expect(server.requestCount > 0)
    }

    @Test func aServerIsReadyOnlyWhenItsProtocolSaysSo() async throws {
        // TF Serving answers 200 on its status path while the model loads; only a version in
        // state AVAILABLE means ready.
        let loading = try LoopbackHTTPServer { _, request in
            request.method == "GET" ? LoopbackReply(body: #"{"model_version_status":[{"version":"1","state":"LOADING"}]}"#)
                : LoopbackReply(body: #"{"predictions":[0.5]}"#)
        }
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        space.workspace.candidate = "{name: m, version: '1', predictor: {type: http, url: 'http://127.0.0.1:\(loading.port)', protocol: tfserving, model: m, inputs: [x], start: [sh, serve.sh], ready_timeout: 1s}}"
        try space.workspace.write("serve.sh", "exec sleep 3600\n")
        let result = try await space.run("data: rows.csv\nrequests: 3")
        #expect(result.status == .error)
        #expect(result.error?.contains("was not ready within") == true, "\(result.error ?? "")")
        #expect(loading.requestCount > 0)
    }

    @Test func aRemoteEndpointIsNeverLoaded() async throws {
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        space.workspace.candidate = "{name: m, version: '1', predictor: {type: http, url: 'http://192.0.2.10:8080', protocol: kserve-v2, model: m, inputs: [x]}}"
        let result = try await space.run("data: rows.csv\nrequests: 10")
        #expect(result.status == .error)
        #expect(result.error?.contains("only to loopback") == true, "\(result.error ?? "")")
    }
}
