import Foundation
import ModelGate

/// The report every report file holds while a run is under way: verdict `error`, and every gate an
/// `error` (so JUnit views count errors too), so that a run killed before it finishes (SIGKILL, a
/// power cut) leaves a report that blocks, never an earlier pass.
enum RunReportPlaceholder {
    static let reason = "not finished: modelgate wrote this placeholder when the run started and did not get to replace it (killed, or stopped before gating)"

    /// Built outside the runner, so it takes the pipeline's secrets itself (`redacted(with:)`),
    /// which masks every field and the rendered text alike.
    static func report(for pipeline: Pipeline) -> RunReport {
        let redact = pipeline.redactor.redact
        let config = pipeline.config
        return RunReport(toolVersion: ModelGateVersion.current, verdict: .error,
                         startedAt: ISO8601DateFormatter().string(from: Date()), durationSeconds: 0,
                         candidate: CandidateSummary(name: redact(config.candidate.name), version: redact(config.candidate.version), artifacts: []),
                         configPath: redact(config.path), configSHA256: config.sha256,
                         gates: pipeline.gates.map { gate in
                             GateResult(id: gate.config.id, type: gate.config.type, status: .error, blocking: gate.config.blocking,
                                        summary: "not finished", error: reason)
                         },
                         interruption: reason).redacted(with: pipeline.redactor)
    }
}
