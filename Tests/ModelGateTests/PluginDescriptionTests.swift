import Foundation
import Testing
@testable import ModelGate

/// Plug-ins describe their options and metrics with `--describe`, and `validate` holds their
/// gates to it as it holds built-in gates; a plug-in that does not describe itself still cannot
/// be given a misspelled common key, which would silently gate nothing.
@Suite struct PluginDescriptionTests {
    static let description = #"""
    {"protocol": 1, "type": "custom", "summary": "Checks a model card.",
     "options": [{"key": "card", "kind": "path", "required": true, "help": "the card"},
                 {"key": "level", "kind": "integer", "default": 3, "range": [1, 5], "help": "how strict"},
                 {"key": "mode", "kind": "string", "allowed": ["fast", "full"], "help": "how"}],
     "metrics": [{"name": "sections_missing", "help": "sections the card lacks", "range": [0, null]},
                 {"name": "coverage", "help": "share of sections present", "range": [0, 1]}]}
    """#

    /// A plug-in that answers `--describe` with `description` (none when nil), counting the calls,
    /// and otherwise passes.
    func read(_ gate: String, description: String? = Self.description) throws(ConfigError) -> (Pipeline, Workspace) {
        let workspace = Workspace()
        let describe = description.map { "cat <<'EOF'\n\($0)\nEOF\n" } ?? "exit 64\n"
        workspace.write("bin/modelgate-gate-custom", """
            #!/bin/sh
            if [ "$1" = --describe ]; then echo x >> "$(dirname "$0")/../describe-calls"; \(describe)exit 0; fi
            cat >/dev/null
            echo '{"status": "pass", "metrics": {"sections_missing": 0, "coverage": 1}, "evidence": {"files_scanned": 1}}'

            """, executable: true)
        let path = workspace.write("pipeline.yml", header + gate)
        let registry = GateRegistry(builtins: [], pluginDirectories: [workspace.root + "/bin"], searchPath: "")
        return (try PipelineReader(registry: registry, environment: [:]).read(path: path), workspace)
    }

    func configError(_ gate: String, description: String? = Self.description) -> ConfigError? {
        do throws(ConfigError) {
            let (_, workspace) = try read(gate, description: description)
            workspace.remove()
            return nil
        } catch {
            return error
        }
    }

    @Test func aDescribedPluginRunsWithItsOptionsChecked() async throws {
        let (pipeline, workspace) = try read("  - {id: c, type: custom, card: card.md, level: 4, mode: full, thresholds: {coverage: '>= 0.9'}}\n")
        defer { workspace.remove() }
        let report = await PipelineRunner(toolVersion: "test", options: RunOptions()).run(pipeline, artifacts: [])
        #expect(report.gates[0].status == .pass, "\(report.gates[0].error ?? "")")
    }

    @Test(arguments: [
        ("{id: c, type: custom, card: a, levle: 4}", "unknown option 'levle'", "did you mean 'level'?"),
        ("{id: c, type: custom, level: 4}", "needs option 'card'", "the card"),
        ("{id: c, type: custom, card: a, level: high}", "'level' of gate 'c' must be a whole number", "high"),
        ("{id: c, type: custom, card: a, level: 9}", "'level' of gate 'c' must be 1 to 5", "9"),
        ("{id: c, type: custom, card: a, mode: slow}", "must be one of fast, full", "slow"),
        ("{id: c, type: custom, card: a, thresholds: {sections: '== 0'}}", "does not report a metric 'sections'", "sections_missing"),
        ("{id: c, type: custom, card: a, thresholds: {coverage: '<= 150%'}}", "decides nothing", "never fail"),
        ("{id: c, type: custom, card: a, thresholds: {sections_missing: '< 0'}}", "decides nothing", "never pass"),
    ])
    func aDescribedPluginsOptionsAndThresholdsAreValidated(gate: String, words: String, more: String) throws {
        let error = try #require(configError("  - \(gate)\n"), "\(gate) was accepted")
        #expect(error.message.contains(words) && error.message.contains(more), "\(error)")
    }

    @Test(arguments: ["threshold", "tresholds", "blockng", "timout", "need", "decid", "confidense"])
    func anUndescribedPluginRefusesATypoOfACommonKey(key: String) throws {
        let error = try #require(configError("  - {id: c, type: custom, \(key): x}\n", description: nil), "\(key) was passed on")
        #expect(error.message.contains("\(key)' is not a key modelgate reads; did you mean"), "\(error)")
        #expect(error.description.contains("pipeline.yml:4:"), "located at the key: \(error)")
    }

    @Test func anUndescribedPluginGetsItsOwnKeys() throws {
        #expect(configError("  - {id: c, type: custom, card: a, level: 3, depth: 2}\n", description: nil) == nil)
    }

    @Test(arguments: [
        (#"{"protocol": 2, "type": "custom", "options": []}"#, "\"protocol\": 1"),
        (#"{"protocol": 1, "options": []}"#, "no 'type'"),
        (#"{"protocol": 1, "type": "custom", "options": [{"key": "x", "kind": "text"}]}"#, "needs a 'kind'"),
        (#"{"protocol": 1, "type": "custom", "options": [{"key": "timeout", "kind": "string"}]}"#, "a key modelgate reads itself"),
        (#"{"protocol": 1, "type": "custom", "options": [], "metrics": [{"name": "m", "range": [2, 1]}]}"#, "low <= high"),
    ])
    func aMalformedDescriptionIsAConfigurationError(description: String, words: String) throws {
        let error = try #require(configError("  - {id: c, type: custom}\n", description: description))
        #expect(error.message.contains(words), "\(error)")
    }

    @Test func tenGatesOfOnePluginDescribeItOnce() throws {
        let gates = (0..<10).map { "  - {id: c\($0), type: custom, card: a}\n" }.joined()
        let (_, workspace) = try read(gates)
        defer { workspace.remove() }
        let calls = try String(contentsOfFile: workspace.root + "/describe-calls", encoding: .utf8)
        #expect(calls == "x\n")
    }
}
