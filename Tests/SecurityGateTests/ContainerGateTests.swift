import Foundation
import GateTestSupport
import ModelGate
import Testing
@testable import SecurityGate

/// Containers through the gate as a user runs it: a finding in a member says which member, the
/// container bounds are options of the gate, and a bad bound is a configuration error.
@Suite struct ContainerGateTests {
    static func corpusFile(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: PickleCorpusGateTests.corpus.appendingPathComponent(name)))
    }

    @Test func aFindingInsideAZipNamesTheMember() async throws {
        let space = try GateWorkspace(["model.bin": .bytes(try Self.corpusFile("torch-zip-other-member.pt"))], gate: SecurityGate.self)
        let result = try await space.run("paths: [model.bin]")
        let finding = try #require(result.findings.first { $0.rule == "pickle.dangerous-global" })
        #expect(finding.message.contains("constants.pkl"), "\(finding.message)")
        #expect(finding.location.path == "model.bin")
        #expect(result.status == .fail)
    }

    @Test func containerBoundsAreGateOptions() async throws {
        let space = try GateWorkspace(["bomb.zip": .bytes(try Self.corpusFile("zip-bomb-ratio.zip"))], gate: SecurityGate.self)
        let strict = try await space.run("paths: [bomb.zip]")
        #expect(strict.findings.map(\.rule) == ["container.limit-exceeded"])
        #expect(strict.status == .fail)
        let raised = try await space.run("paths: [bomb.zip]\nmax_compression_ratio: 2000")
        #expect(raised.findings.isEmpty, "\(raised.findings.map(\.message))")
        #expect(raised.status == .pass)
    }

    @Test(arguments: ["''", "'com.example ops'"])
    func anAllowedOnnxDomainMustBeADomainName(entry: String) throws {
        let space = try GateWorkspace([:], gate: SecurityGate.self)
        let error = try #require(space.configError("paths: [model.onnx]\nallow_onnx_domains: [\(entry)]"))
        #expect(error.message.contains("'allow_onnx_domains'"), "\(error.message)")
    }

    @Test func aBenignCheckpointAndSafetensorsPass() async throws {
        let space = try GateWorkspace(["m/model.pt": .bytes(try Self.corpusFile("benign-torch-zip.pt")),
                                       "m/model.safetensors": .bytes(try Self.corpusFile("benign-safetensors.safetensors")),
                                       "m/arrays.npz": .bytes(try Self.corpusFile("benign-npz-compressed.npz"))],
                                      gate: SecurityGate.self)
        let result = try await space.run("paths: [m/]")
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        #expect(result.status == .pass)
    }

    @Test func textThatStartsWithAMagicIsNotAModel() async throws {
        let space = try GateWorkspace(["notes.md": .text("GGUF files load in llama.cpp.\n")], gate: SecurityGate.self)
        let result = try await space.run("paths: [notes.md]")
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    }

    @Test func aNestingBoundOutsideItsRangeIsAConfigurationError() async throws {
        let space = try GateWorkspace(["a.bin": .text("x")], gate: SecurityGate.self)
        await #expect(throws: (any Error).self) { try await space.run("paths: [a.bin]\nmax_nesting: 99") }
    }
}
