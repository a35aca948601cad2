import Foundation
import GateTestSupport
import ModelGate
import Testing
@testable import SecurityGate

/// The corpus of pickles and containers (Tests/ModelFilesTests/Fixtures, made by its make-corpus.py) through the
/// security gate as a user runs it: every file is renamed so only its content can tell what it is,
/// every malicious one fails the gate, every benign one passes with no finding of high severity.
@Suite struct PickleCorpusGateTests {
    struct Entry: Decodable {
        let file: String
        let malicious: Bool
        let fails: Bool
    }

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../ModelFilesTests/Fixtures/corpus").standardized

    static let entries: [Entry] = {
        (try? JSONDecoder().decode([Entry].self, from: Data(contentsOf: corpus.appendingPathComponent("expected.json")))) ?? []
    }()

    @Test func theCorpusIsThere() {
        #expect(Self.entries.filter(\.malicious).count >= 60)
        #expect(Self.entries.filter { !$0.malicious }.count >= 20)
    }

    @Test func everyMaliciousFileFailsAndNoBenignOneDoesWhateverItsName() async throws {
        var files: [String: ExampleFile] = [:]
        for (index, entry) in Self.entries.enumerated() {
            let bytes = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(entry.file)))
            // Content, not names: every file is called model-N.bin.
            files["m\(index)/model-\(index).bin"] = .bytes(bytes)
            // A model in a folder of its own (ONNX external data) keeps the files beside it.
            let folder = (entry.file as NSString).deletingLastPathComponent
            guard !folder.isEmpty else { continue }
            let base = Self.corpus.appendingPathComponent(folder)
            for case let relative as String in FileManager.default.enumerator(atPath: base.path)?.allObjects ?? []
            where relative != (entry.file as NSString).lastPathComponent {
                var isFolder: ObjCBool = false
                let path = base.appendingPathComponent(relative).path
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                    files["m\(index)/" + relative] = .bytes(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
                }
            }
        }
        let space = try GateWorkspace(files, gate: SecurityGate.self)
        var escaped: [String] = []
        var falseAlarms: [String] = []
        for (index, entry) in Self.entries.enumerated() {
            let result = try await space.run("paths: [m\(index)/]\nsecrets: false")
            let failed = result.status == .fail
            // An empty file is no pickle by its content (pickle.load raises EOFError on it); the
            // scanner, told it is one, calls it malformed. Every other file ends as the corpus says.
            let mustFail = entry.fails && entry.file != "empty.pkl"
            if mustFail && !failed { escaped.append(entry.file) }
            // Every malicious file is at least reported, even one below fail_on (bytes after STOP).
            if entry.malicious && entry.file != "empty.pkl" && result.findings.isEmpty { escaped.append(entry.file + " (no finding)") }
            if !entry.fails && failed {
                falseAlarms.append("\(entry.file): \(result.findings.map { "\($0.rule) \($0.excerpt ?? "")" })")
            }
        }
        #expect(escaped.isEmpty, "malicious files that passed the gate: \(escaped)")
        #expect(falseAlarms.isEmpty, "benign files that failed the gate: \(falseAlarms)")
    }

    @Test func aPickleFindingNamesTheCallableAndItsOffset() async throws {
        let bytes = Array(try Data(contentsOf: Self.corpus.appendingPathComponent("call-os-remove.pkl")))
        let space = try GateWorkspace(["weights.bin": .bytes(bytes)], gate: SecurityGate.self)
        let result = try await space.run("paths: [weights.bin]")
        let finding = try #require(result.findings.first { $0.rule == "pickle.dangerous-global" })
        #expect(finding.excerpt?.contains("os.remove") == true || finding.excerpt?.contains("posix.remove") == true, "\(finding)")
        #expect(finding.location.offset != nil)
        #expect(finding.severity >= .high)
    }

    @Test func aZipWithoutADirectoryIsNotPassedUnread() async throws {
        let space = try GateWorkspace(["model.pt": .bytes([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 26))], gate: SecurityGate.self)
        let result = try await space.run("paths: [model.pt]")
        #expect(result.findings.map(\.rule) == ["zip.malformed"])
        #expect(result.status == .fail)
    }

    @Test func textThatLooksLikeAnOldPickleIsText() async throws {
        let space = try GateWorkspace(["notes.md": .text("(see the model card).\n")], gate: SecurityGate.self)
        let result = try await space.run("paths: [notes.md]")
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    }
}
