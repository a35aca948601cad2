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
        #expect(error.message == "cannot read '\(path)': no such file")
    }

    @Test func reportsADirectoryAsUnreadable() throws {
        let scratch = try Scratch()
        let error = try #require(readError(scratch.path))
        #expect(error.location.line == 0)
        #expect(error.message.hasPrefix("cannot read '\(scratch.path)'"))
    }

    private func fileError(_ path: String, maxSize: Int) -> DocumentFileError? {
        do {
            _ = try DocumentReader.readFile(path, maxSize: maxSize)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsAFileUpToItsCapAndRefusesOneByteMore() throws {
        let scratch = try Scratch()
        let path = try scratch.write("a.yml", "a: 1\n")
        #expect(try DocumentReader.readFile(path, maxSize: 5) == Array("a: 1\n".utf8))
        #expect(fileError(path, maxSize: 4) == .tooLarge(size: 5, limit: 4))
        #expect(fileError(path, maxSize: 4)?.description == "is 5 bytes, more than the 4 bytes allowed")
    }

    @Test func refusesAFileTooLargeFromItsSizeAlone() throws {
        // 1 TiB, sparse: only the size the file system reports can say so without reading it.
        let scratch = try Scratch()
        let path = try scratch.write("huge.json", "")
        try #require(truncate(path, 1 << 40) == 0)
        #expect(fileError(path, maxSize: DocumentReader.maxFileSize) == .tooLarge(size: 1 << 40, limit: 64 << 20))
        #expect(readError(path)?.message == "cannot read '\(path)': is 1 TiB, more than the 64 MiB allowed")
    }

    @Test func refusesFilesThatAreNotRegularBeforeReadingThem() throws {
        let scratch = try Scratch()
        let fifo = scratch.path + "/fifo"
        try #require(mkfifo(fifo, 0o600) == 0)
        #expect(fileError(fifo, maxSize: 100) == .notRegularFile)
        #expect(fileError("/dev/zero", maxSize: 100) == .notRegularFile)
        #expect(fileError(scratch.path, maxSize: 100) == .isDirectory)
        #expect(fileError(scratch.path + "/absent", maxSize: 100) == .missing)
    }

    @Test(arguments: [(0, "0 bytes"), (1, "1 byte"), (1023, "1023 bytes"), (1024, "1 KiB"), (1536, "1.5 KiB"),
                      (8 << 20, "8 MiB"), (3 << 30, "3 GiB"), (1 << 40, "1 TiB"), (1 << 50, "1024 TiB")])
    func sizesReadAsAPersonWouldWriteThem(_ bytes: Int, _ text: String) {
        #expect(DocumentFileError.describeSize(bytes) == text)
    }
}
