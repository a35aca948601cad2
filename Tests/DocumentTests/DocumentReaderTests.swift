import Document
import Foundation
import Testing

@Suite struct DocumentReaderTests {
    /// A fresh scratch directory for one test, removed when the test ends.
    final class Scratch {
        let path: String

        init() throws {
            path = NSTemporaryDirectory() + "/document-tests-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func write(_ name: String, _ text: String) throws -> String {
            let file = path + "/" + name
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            return file
        }
    }

    private func readError(_ path: String) -> DocumentError? {
        do {
            _ = try DocumentReader.read(contentsOf: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsJSONFilesAsJSON() throws {
        let scratch = try Scratch()
        let node = try DocumentReader.read(contentsOf: try scratch.write("a.json", "{\"a\": [1]}"))
        #expect(node["a"]?.arrayValue?.count == 1)
        // YAML that is not JSON must fail in a .json file, whatever the case of the extension.
        let file = try scratch.write("b.JSON", "a: 1\n")
        #expect(throws: DocumentError.self) { try DocumentReader.read(contentsOf: file) }
    }

    @Test func readsEveryOtherExtensionAsYAML() throws {
        let scratch = try Scratch()
        for name in ["pipeline.yml", "pipeline.yaml", "config"] {
            let node = try DocumentReader.read(contentsOf: try scratch.write(name, "a: [1, 2]\nb: x\n"))
            #expect(node["b"]?.value == .string("x"))
        }
    }

    @Test func reportsAMissingFileAtLineZeroWithItsPath() throws {
        let scratch = try Scratch()
        let path = scratch.path + "/missing.yml"
        let error = try #require(readError(path))
        #expect(error.location.line == 0)
        #expect(error.message == "cannot read '\(path)': No such file or directory")
    }

    @Test func reportsADirectoryAsUnreadable() throws {
        let scratch = try Scratch()
        let error = try #require(readError(scratch.path))
        #expect(error.location.line == 0)
        #expect(error.message.hasPrefix("cannot read '\(scratch.path)'"))
    }
}
