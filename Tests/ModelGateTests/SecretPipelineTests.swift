import Document
import Foundation
import Synchronization
import Testing
@testable import ModelGate

/// A run whose every configured string uses a `${SECRET}`, and plug-ins that echo it back in every
/// field of their answer and on stderr, in every encoded form: no reporter shows any of it.
@Suite struct SecretPipelineTests {
    static let secrets = ["Tok3n-9f8e7d6c5b4a3", "p@ss w0rd/+<&>é~*_x"]

    func outputs(_ report: RunReport) -> [String] {
        ReportFormat.allCases.flatMap { format in [false, true].map { format.reporter(color: $0).render(report) } }
    }

    @Test(arguments: secrets) func aPipelineWhoseEveryConfiguredStringUsesTheSecretShowsItNowhere(secret: String) async throws {
        // (Mapping keys are not interpolated, so metric names come from the plug-in test below.)
        let yaml = """
        version: 1
        candidate: {name: "model ${S}", version: "v${S}", artifacts: ["models/${S}.onnx"]}
        gates:
          - {id: q, type: scripted, summary: "summary ${S}", metrics: {acc: 0.5}, thresholds: {acc: ">= 0.9"}}
          - {id: e, type: scripted, throw: "cannot reach https://u:${S}@example.com", blocking: false}
        waivers:
          - {gate: q, check: acc, reason: "because ${S}", approved_by: "boss ${S}", expires: "2099-12-31"}
        """
        let parsed = try pipeline(yaml, environment: ["S": secret])
        let artifacts = parsed.config.candidate.artifacts.map { HashedArtifact(path: $0.path, sha256: String(repeating: "0", count: 64), bytes: 1) }
        let report = await PipelineRunner(toolVersion: "test", options: RunOptions(today: "2026-11-25")).run(parsed, artifacts: artifacts)
        #expect(report.gates[0].checks.first?.status == .waived, "the waiver applied to the check named with the secret")
        #expect(report.gates[1].status == .warn)
        let check = SecretLeakCheck(secret: secret)
        for output in outputs(report) {
            #expect(check.leaks(in: output).isEmpty, "\(check.leaks(in: output)) in \(output.prefix(300))")
        }
        for field in [report.candidate.name, report.candidate.version, report.candidate.artifacts[0].path,
                      report.gates[0].summary, report.gates[1].error ?? "", report.gates[0].checks[0].waiver?.reason ?? ""] {
            #expect(check.leaks(in: field).isEmpty, "the report itself is clean: \(field)")
        }
    }

    @Test(arguments: secrets) func aPluginEchoingTheSecretInEveryFieldAndOnStderrShowsItNowhere(secret: String) async throws {
        let check = SecretLeakCheck(secret: secret)
        var forms = check.forms
        for alignment in 0..<3 { forms += SecretLeakCheck.embeddedBase64(secret, alignment: alignment) }
        forms.append(JSONWriter.write(Node(.string(secret)), pretty: false))
        var next = 0
        func s(_ label: String) -> Node {
            defer { next += 1 }
            return Node(.string("\(label) \(forms[next % forms.count]) end"))
        }
        func key(_ label: String) -> String { s(label).stringValue! }
        func member(_ key: String, _ value: Node) -> Node.Member { Node.Member(key: key, value: value) }
        let failing = Node(.object([
            member("status", Node(.string("fail"))), member("summary", s("summary")),
            member("metrics", Node(.object([member(key("metric"), Node(.double(0.5)))]))),
            member("evidence", Node(.object([member("rows", Node(.int(5))), member(key("count"), Node(.int(1)))]))),
            member("checks", Node(.array([Node(.object([
                member("metric", s("check")), member("op", Node(.string(">="))), member("threshold", Node(.double(0.9))),
                member("actual", Node(.double(0.5))), member("status", Node(.string("fail")))]))]))),
            member("findings", Node(.array([Node(.object([
                member("rule", s("rule")), member("severity", Node(.string("high"))), member("message", s("message")),
                member("excerpt", s("excerpt")),
                member("location", Node(.object([member("path", s("path")), member("field", s("field")), member("row", Node(.int(2)))]))),
            ]))]))),
        ]))
        let erring = Node(.object([member("status", Node(.string("error"))), member("error", s("error"))]))
        let workspace = Workspace()
        defer { workspace.remove() }
        workspace.write("fail.json", JSONWriter.write(failing))
        workspace.write("error.json", JSONWriter.write(erring))
        workspace.write("stderr.txt", forms.map { "log \($0) end" }.joined(separator: "\n") + "\n")
        workspace.write("bin/modelgate-gate-echo", """
        #!/bin/sh
        cat > /dev/null
        cat "$(dirname "$0")/../stderr.txt" >&2
        cat "$(dirname "$0")/../$1.json"
        """, executable: true)
        let path = workspace.write("pipeline.yml", """
        version: 1
        candidate: {name: m, version: "1"}
        gates:
          - {id: f, type: echo, command: [bin/modelgate-gate-echo, fail], token: "${S}", blocking: false}
          - {id: x, type: echo, command: [bin/modelgate-gate-echo, error], token: "${S}"}
        """)
        let registry = GateRegistry(builtins: [ScriptedGate.self], pluginDirectories: [workspace.root + "/bin"], searchPath: "")
        let parsed = try PipelineReader(registry: registry, environment: ["S": secret]).read(path: path)
        let report = await PipelineRunner(toolVersion: "test", options: RunOptions(today: "2026-11-25")).run(parsed, artifacts: [])
        #expect(report.gates.map(\.status) == [.warn, .error], "\(report.gates.map(\.error))")
        #expect(report.gates[0].findings.count == 1 && report.gates[0].log?.contains("log ") == true)
        for output in outputs(report) {
            #expect(check.leaks(in: output).isEmpty, "\(check.leaks(in: output))")
            #expect(!output.contains(JSONWriter.write(Node(.string(secret)), pretty: false)))
        }
    }

    /// The live progress line names the gate: with the secret masked, like everything else printed.
    @Test func theProgressLineShowsGateIDsWithTheSecretMasked() async throws {
        final class Recorder: RunObserver {
            let started = Mutex<[String]>([])
            func gateStarted(_ gate: GateConfig, index: Int, of count: Int) { started.withLock { $0.append(gate.id) } }
            func gateFinished(_ result: GateResult) {}
        }
        let recorder = Recorder()
        let parsed = try pipeline(header + "  - {id: '${ID}', type: scripted}\n", environment: ["ID": "Tok3nValue9f8e7d"])
        let report = await PipelineRunner(toolVersion: "test", options: RunOptions(today: "2026-11-25"), observer: recorder)
            .run(parsed, artifacts: [])
        #expect(recorder.started.withLock { $0 } == ["***"])
        #expect(report.gates[0].id == "***")
    }
}
