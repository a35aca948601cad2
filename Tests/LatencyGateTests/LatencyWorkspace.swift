import Foundation
import GateTestSupport
import ModelGate
@testable import LatencyGate

/// A workspace for one latency gate whose candidate's predictor is a POSIX sh program (one line
/// of input in, one answer out), so the tests load a real process without any server.
struct LatencyWorkspace {
    let workspace: GateWorkspace

    /// `script` is the body of predict.sh; `rows` the CSV the gate sends.
    init(script: String, rows: String = "x\n1\n2\n3\n4\n") throws {
        workspace = try GateWorkspace(["rows.csv": .text(rows), "predict.sh": .text(script)], gate: LatencyGate.self)
        // Persistent: one process per slot, as a served model runs, and a few processes per test
        // rather than one per request on a machine that other tests keep busy.
        workspace.candidate = "{name: scorer, version: '1', predictor: {type: command, command: [sh, predict.sh], inputs: [x], persistent: true}}"
    }

    var root: String { workspace.root }

    func run(_ options: String) async throws -> GateResult { try await workspace.run(Self.patient(options)) }
    func report(_ options: String) async throws -> RunReport { try await workspace.report(Self.patient(options)) }

    /// On a machine the rest of the suite keeps busy, a thread may wait seconds for a core: unless a
    /// test is about the request timeout, requests may take as long as they need.
    static func patient(_ options: String) -> String {
        options.contains("request_timeout") ? options : options + "\nrequest_timeout: 10m"
    }
    func configError(_ options: String) -> ConfigError? { workspace.configError(options) }

    /// A predictor answering every line at once.
    static let prompt = "while IFS= read -r line; do echo 0.5; done\n"
}
