import Foundation
import Testing
@testable import ModelGate

/// A plug-in's interval is used to decide only if it could be true: finite, and holding the
/// plug-in's own value. An interval that excludes its value would let `decide: interval` pass
/// a metric whose value fails.
@Suite struct PluginIntervalTests {
    func check(actual: String, interval: String) async throws -> GateResult {
        let workspace = Workspace()
        defer { workspace.remove() }
        let answer = #"{"status": "pass", "metrics": {"auc": \#(actual)}, "evidence": {"rows": 100}, "#
            + #""checks": [{"metric": "auc", "op": ">=", "threshold": 0.9, "actual": \#(actual), "interval": \#(interval), "status": "pass"}]}"#
        workspace.write("bin/modelgate-gate-custom", "#!/bin/sh\ncat >/dev/null\necho '\(answer)'\n", executable: true)
        let path = workspace.write("pipeline.yml", header + "  - {id: p, type: custom, decide: interval}\n")
        let registry = GateRegistry(builtins: [], pluginDirectories: [workspace.root + "/bin"], searchPath: "")
        let parsed = try PipelineReader(registry: registry, environment: [:]).read(path: path)
        return await PipelineRunner(toolVersion: "test", options: RunOptions()).run(parsed, artifacts: []).gates[0]
    }

    @Test(arguments: [("0.1", "[0.95, 0.99]"), ("0.97", "[0.98, 0.99]"), ("0.5", "[0.0, 0.4]"), ("0.95", "[0.95, 1e999]"),
                      ("0.95", "[-1e999, 0.99]")])
    func anIntervalThatCannotBeTrueIsAnError(actual: String, interval: String) async throws {
        let result = try await check(actual: actual, interval: interval)
        #expect(result.status == .error, "\(actual) in \(interval): \(result.status)")
        // 1e999 is refused by the JSON reader already (no JSON number is infinite); the others by the check.
        let words = interval.contains("e999") ? "JSON" : "does not contain the metric's own value"
        #expect(result.error?.contains(words) == true, "\(result.error ?? "")")
    }

    @Test(arguments: [("0.97", "[0.95, 0.99]", GateStatus.pass), ("0.92", "[0.85, 0.97]", .inconclusive), ("0.8", "[0.75, 0.85]", .fail),
                      ("0.95", "[0.95, 0.95]", .pass)])
    func anIntervalHoldingItsValueDecides(actual: String, interval: String, status: GateStatus) async throws {
        let result = try await check(actual: actual, interval: interval)
        #expect(result.status == status, "\(actual) in \(interval): \(result.error ?? "")")
    }
}
