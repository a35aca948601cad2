import Digest
import Foundation
import Testing

/// `hashRegularFile`: what the candidate's artifacts are hashed with. A FIFO or a device must be
/// refused without blocking, and a stop request must end the hashing within one chunk.
@Suite struct SHA256RegularFileTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID())-\(name)").path
    }

    @Test func aRegularFileHashesAsHashFileDoes() throws {
        let path = temporaryPath("model.bin")
        defer { unlink(path) }
        try Data((0..<(SHA256.fileChunkSize + 7)).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: path))
        let regular = try SHA256.hashRegularFile(atPath: path) { false }
        #expect(regular.hex == (try SHA256.hashFile(atPath: path)).hex)
        #expect(regular.bytes == SHA256.fileChunkSize + 7)
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let path = temporaryPath("fifo")
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        #expect(throws: SHA256.FileError(path: path, operation: .checkType, code: 0, fileType: "a FIFO (named pipe)")) {
            _ = try SHA256.hashRegularFile(atPath: path) { false }
        }
    }

    @Test(arguments: ["/dev/zero", "/dev/urandom", "/dev/null"])
    func aCharacterDeviceIsRefused(path: String) {
        #expect(throws: SHA256.FileError(path: path, operation: .checkType, code: 0, fileType: "a character device")) {
            _ = try SHA256.hashRegularFile(atPath: path) { false }
        }
    }

    @Test func aFolderAndALinkToADeviceAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: SHA256.FileError(path: folder, operation: .checkType, code: 0, fileType: "a folder")) {
            _ = try SHA256.hashRegularFile(atPath: folder) { false }
        }
        let link = temporaryPath("link")
        #expect(symlink("/dev/zero", link) == 0)
        defer { unlink(link) }
        #expect(throws: SHA256.FileError(path: link, operation: .checkType, code: 0, fileType: "a character device")) {
            _ = try SHA256.hashRegularFile(atPath: link) { false }
        }
    }

    @Test func aStopRequestEndsHashingWithinOneChunk() throws {
        let path = temporaryPath("big.bin")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { unlink(path) }
        #expect(truncate(path, off_t(SHA256.fileChunkSize * 64)) == 0)
        var asked = 0
        #expect(throws: SHA256.FileError(path: path, operation: .cancelled, code: 0)) {
            _ = try SHA256.hashRegularFile(atPath: path) {
                asked += 1
                return asked > 1
            }
        }
        #expect(asked == 2, "asked before each chunk, stopped at the first yes")
    }
}
