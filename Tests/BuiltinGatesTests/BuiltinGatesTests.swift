import BuiltinGates
import Foundation
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

    static var examples: [(String, GateExample)] {
        BuiltinGates.all.flatMap { gate in gate.descriptor.examples.map { (gate.descriptor.type, $0) } }
    }

    @Test(arguments: examples.map { "\($0.0): \($0.1.title)" })
    func examplesEndAsTheySay(name: String) async throws {
        let (_, example) = Self.examples.first { "\($0.0): \($0.1.title)" == name }!
        let folder = NSTemporaryDirectory() + "modelgate-example-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (path, content) in example.files {
            try Data(content.utf8).write(to: URL(fileURLWithPath: folder + "/" + path))
        }
        let gateYAML = example.yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset == 0 ? "  - " + $0.element : "    " + $0.element }.joined(separator: "\n")
        let pipelineText = "version: 1\ncandidate: {name: example, version: '1'}\ngates:\n" + gateYAML + "\n"
        let path = folder + "/pipeline.yml"
        try Data(pipelineText.utf8).write(to: URL(fileURLWithPath: path))
        let pipeline = try PipelineReader(registry: GateRegistry(builtins: BuiltinGates.all), environment: [:]).read(path: path)
        let report = await PipelineRunner(toolVersion: "test", options: RunOptions()).run(pipeline, artifacts: [])
        let gate = report.gates[0]
        #expect(gate.status == example.expectedStatus, "\(gate.summary) \(gate.error ?? "")")
        for (metric, expected) in example.expectedMetrics {
            guard let actual = gate.metrics.first(where: { $0.name == metric })?.value else {
                Issue.record("metric \(metric) not reported; got \(gate.metrics.map(\.name))")
                continue
            }
            #expect(abs(actual - expected) <= 1e-9, "\(metric): \(actual) vs \(expected)")
        }
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
