import Document
import Foundation
import Testing
@testable import ModelGate

/// The pipeline file is read through `DocumentReader`: only a regular file, and only when the
/// file system says it is within the cap, so nothing the user points at can block or fill memory.
// No time limit: a busy 2-core machine can keep a test waiting for a thread longer than any
// limit short enough to be useful, and the FIFO is opened without blocking in any case.
@Suite
struct PipelineFileTests {
    private func readError(_ path: String) -> ConfigError? {
        do {
            _ = try PipelineReader(registry: testRegistry, environment: [:]).read(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func aFileOverTheCapIsRefusedFromItsSizeWithoutBeingRead() throws {
        let workspace = Workspace()
        defer { workspace.remove() }
        // A sparse file of 1 TiB: reading it would take hours and all memory. The message gives
        // its size, which only the file system knows: a reader that stops at the cap cannot.
        let path = workspace.write("huge.yml", "")
        try #require(truncate(path, 1 << 40) == 0)
        let error = try #require(readError(path))
        #expect(error.description == "\(path): error: is 1 TiB, larger than the 8 MiB a pipeline file may be; it was not read")
    }

    @Test func aFileOneByteOverTheCapIsRefused() throws {
        let workspace = Workspace()
        defer { workspace.remove() }
        let path = workspace.write("over-cap.yml", header + "  - {id: q, type: scripted}\n")
        try #require(truncate(path, off_t(PipelineReader.maxFileSize + 1)) == 0)
        #expect(readError(path)?.message == "is 8388609 bytes, larger than the 8388608 bytes a pipeline file may be; it was not read")
    }

    @Test func bytesOverTheCapAreRefusedUnparsedToo() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: PipelineReader.maxFileSize + 1)
        #expect(throws: ConfigError("is 8388609 bytes, larger than the 8388608 bytes a pipeline file may be; it was not read",
                                    path: "p.yml", at: .none)) {
            try PipelineReader(registry: testRegistry, environment: [:]).read(bytes: bytes, path: "p.yml")
        }
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let workspace = Workspace()
        defer { workspace.remove() }
        let path = workspace.root + "/pipe.yml"
        try #require(mkfifo(path, 0o600) == 0)
        #expect(readError(path)?.message == "is not a regular file (a pipe, device or socket); a pipeline must be a file")
    }

    @Test(arguments: ["/dev/zero", "/dev/null", "/dev/urandom"])
    func aDeviceIsRefused(_ path: String) {
        #expect(readError(path)?.description == "\(path): error: is not a regular file (a pipe, device or socket); a pipeline must be a file")
    }

    @Test func aMissingFileAndAFolderSayWhatTheyAre() {
        let workspace = Workspace()
        defer { workspace.remove() }
        #expect(readError(workspace.root + "/absent.yml")?.description == "\(workspace.root)/absent.yml: error: no such pipeline file")
        #expect(readError(workspace.root)?.message == "is a folder, not a pipeline file")
    }

    @Test func aSymbolicLinkToAPipelineIsReadLikeThePipeline() throws {
        let workspace = Workspace()
        defer { workspace.remove() }
        let target = workspace.write("real.yml", header + "  - {id: q, type: scripted}\n")
        let link = workspace.root + "/link.yml"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try PipelineReader(registry: testRegistry, environment: [:]).read(path: link).gates.map(\.config.id) == ["q"])
    }

    @Test func theSyntaxFollowsTheExtensionInAnyCase() throws {
        let workspace = Workspace()
        defer { workspace.remove() }
        let json = "{\"version\": 1, \"candidate\": {\"name\": \"a\", \"version\": \"1\"}, \"gates\": [{\"id\": \"q\", \"type\": \"scripted\"}]}"
        for name in ["p.json", "p.JSON"] {
            let path = workspace.write(name, json)
            #expect(try PipelineReader(registry: testRegistry, environment: [:]).read(path: path).gates.count == 1)
        }
        // YAML that JSON refuses shows which reader ran.
        let yaml = workspace.write("y.Json", "version: 1\n")
        #expect(readError(yaml)?.description == "\(yaml):1:1: error: expected a JSON value, found 'version'")
    }
}
