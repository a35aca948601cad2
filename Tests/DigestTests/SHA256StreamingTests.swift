// Streaming: how a message is split into updates, or read from a file, must not change its digest.
import Digest
import Foundation
import Testing

struct SHA256StreamingTests {
    // Every split point of messages whose length sits around the padding (55/56) and block (63/64)
    // boundaries, where an off-by-one in the pending-block logic would show.
    @Test(arguments: [55, 56, 57, 63, 64, 65, 119, 120, 128, 130])
    func splittingAMessageAnywhereGivesTheSameDigest(length: Int) {
        let message = patterned(length)
        let whole = SHA256.hash(message)
        for split in 0...length {
            var hasher = SHA256()
            hasher.update(message[0..<split])
            hasher.update(message[split...])
            #expect(hasher.finalize() == whole, "split at \(split) of \(length)")
        }
    }

    @Test func byteByByteUpdatesGiveTheSameDigestAsOneUpdate() {
        let message = patterned(300)
        var hasher = SHA256()
        for byte in message { hasher.update(CollectionOfOne(byte)) }
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test func nonContiguousSequenceIsHashedLikeItsBytes() {
        let message = patterned(10_000)
        #expect(SHA256.hash(message.lazy.map { $0 }) == SHA256.hash(message))
    }

    @Test func rawBufferUpdateMatchesArrayUpdate() {
        let message = patterned(777)
        var hasher = SHA256()
        message.withUnsafeBytes { hasher.update($0) }
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test func finalizeResetsTheHasherForTheNextMessage() {
        var hasher = SHA256()
        hasher.update(Array("first message".utf8))
        _ = hasher.finalize()
        hasher.update(Array("abc".utf8))
        #expect(hasher.finalize() == SHA256.hash(Array("abc".utf8)))
    }

    @Test(arguments: [0, 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 12_345])
    func hashFileMatchesHashOfTheFilesBytes(size: Int) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID()).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        let content = patterned(size)
        try Data(content).write(to: url)

        let result = try SHA256.hashFile(atPath: url.path)
        #expect(result.bytes == size)
        #expect(result.hex == SHA256.hex(SHA256.hash(content)))
    }

    @Test func hashFileOfAMissingFileThrowsAnErrorNamingThePath() {
        let path = "/nonexistent-\(UUID())/model.onnx"
        #expect {
            _ = try SHA256.hashFile(atPath: path)
        } throws: { error in
            guard let error = error as? SHA256.FileError else { return false }
            return error.path == path && error.operation == .open && error.code == ENOENT
                && error.description.contains(path) && error.description.contains("No such file")
        }
    }

    @Test func hashFileOfADirectoryThrowsAReadError() {
        let path = FileManager.default.temporaryDirectory.path
        #expect(throws: SHA256.FileError(path: path, operation: .read, code: EISDIR)) {
            _ = try SHA256.hashFile(atPath: path)
        }
    }
}
