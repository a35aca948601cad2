import BuiltinGates
import Foundation
import GateTestSupport
import ModelGate
import Testing

/// Guards the one list of built-in gates, runs every gate's worked examples, and keeps each gate's
/// README in step with its descriptor.
@Suite struct BuiltinGatesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func gatesAreListedOnceInTypeOrder() {
        let types = BuiltinGates.all.map { $0.descriptor.type }
        #expect(types == types.sorted())
        #expect(Set(types).count == types.count)
    }

    @Test func everyGateFolderIsRegistered() throws {
        let gates = Self.root.appendingPathComponent("gates")
        let folders = try FileManager.default.contentsOfDirectory(atPath: gates.path).filter { name in
            let files = (try? FileManager.default.subpathsOfDirectory(atPath: gates.appendingPathComponent(name).path)) ?? []
            return files.contains { $0.hasSuffix(".swift") }
        }
        #expect(Set(folders) == Set(BuiltinGates.all.map { $0.descriptor.type }))
    }

    @Test func everyOptionIsDocumented() {
        for gate in BuiltinGates.all {
            for option in gate.descriptor.options {
                #expect(!option.help.isEmpty, "\(gate.descriptor.type).\(option.key)")
            }
            #expect(!gate.descriptor.examples.isEmpty, "\(gate.descriptor.type) has no examples")
        }
    }

    static var examples: [(gate: any Gate.Type, example: GateExample)] {
        BuiltinGates.all.flatMap { gate in gate.descriptor.examples.map { (gate, $0) } }
    }

    @Test(arguments: examples.map { "\($0.gate.descriptor.type): \($0.example.title)" })
    func examplesEndAsTheySay(name: String) async throws {
        let (gate, example) = Self.examples.first { "\($0.gate.descriptor.type): \($0.example.title)" == name }!
        let run = try await ExampleRun(example, gate: gate)
        #expect(run.problems.isEmpty, "\(name): \(run.problems.joined(separator: "; "))")
    }

    /// The README of each gate is generated from its descriptor; regenerate with
    /// `UPDATE_DOCS=1 swift test --filter BuiltinGatesTests`.
    @Test func gateReadmesAreUpToDate() throws {
        for gate in BuiltinGates.all {
            let url = Self.root.appendingPathComponent("gates/\(gate.descriptor.type)/README.md")
            let expected = GateDocumentation.page(gate.descriptor)
            if ProcessInfo.processInfo.environment["UPDATE_DOCS"] == "1" {
                try Data(expected.utf8).write(to: url)
            }
            let actual = try String(contentsOf: url, encoding: .utf8)
            #expect(actual == expected, "gates/\(gate.descriptor.type)/README.md is stale: run UPDATE_DOCS=1 swift test --filter BuiltinGatesTests")
        }
    }

    /// `modelgate gates <type>` (the same page as the README) lists every rule the gate's findings
    /// can carry, one table row each, with its severity and help, as SARIF's rules do.
    @Test func everyRuleIsListedOnItsGatesPage() {
        for gate in BuiltinGates.all where !gate.descriptor.rules.isEmpty {
            let rows = GateDocumentation.page(gate.descriptor).split(separator: "\n").filter { $0.hasPrefix("| `") }
            for rule in gate.descriptor.rules {
                let row = rows.first { $0.hasPrefix("| `\(rule.id)` |") }
                #expect(row?.hasPrefix("| `\(rule.id)` | \(rule.severity.rawValue) | ") == true, "\(gate.descriptor.type): \(rule.id)")
                // Unescaped bars would split the help across cells: exactly three cells per row.
                #expect(row.map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count } == 4, "\(rule.id)")
            }
        }
        #expect(BuiltinGates.all.contains { $0.descriptor.type == "security" && $0.descriptor.rules.count > 20 })
    }

    @Test func theStarterPipelineIsValid() throws {
        let folder = NSTemporaryDirectory() + "modelgate-starter-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/modelgate.yml"
        try Data(StarterPipeline.text.utf8).write(to: URL(fileURLWithPath: path))
        let pipeline = try PipelineReader(registry: GateRegistry(builtins: BuiltinGates.all), environment: [:]).read(path: path)
        #expect(pipeline.gates.map(\.config.type) == ["accuracy"])
    }
}
