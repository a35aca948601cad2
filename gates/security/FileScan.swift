import Digest
import Foundation
import ModelGate

/// One pass over one file: each chunk read goes to the SHA-256 and to the secret scanner, so
/// every byte is read once whatever is asked of it. Only regular files are opened (checked again
/// on what was opened, without blocking), and cancellation is honoured between chunks.
struct FileScan {
    var sha256 = ""
    var bytes = 0
    var secrets: [SecretMatch] = []
    var droppedSecrets = 0
    /// The file's first bytes, for recognising its format by content.
    var head: [UInt8] = []
    /// Its last non-whitespace byte (a protocol 0 or 1 pickle ends with STOP, `.`).
    var lastNonSpace: UInt8?
    /// No control bytes besides tab, newline and carriage return.
    var isText = true

    static let chunkSize = 1 << 20

    init(_ file: ScanTargets.File, secrets scanSecrets: Bool, buffer: inout [UInt8]) throws {
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard descriptor >= 0 else { throw GateFailure("cannot open '\(file.name)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw GateFailure("'\(file.name)' is no longer a regular file")
        }
        var digest = SHA256()
        var scanner = scanSecrets ? SecretScanner() : nil
        if buffer.count < Self.chunkSize { buffer = [UInt8](repeating: 0, count: Self.chunkSize) }
        while true {
            try Task.checkCancellation()
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, Self.chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw GateFailure("cannot read '\(file.name)': \(String(cString: strerror(errno)))")
            }
            buffer.withUnsafeBytes { all in
                let chunk = UnsafeRawBufferPointer(rebasing: all[0..<count])
                digest.update(chunk)
                scanner?.scan(chunk, isLast: count == 0)
                if head.count < 16 { head += chunk.prefix(16 - head.count) }
                if let last = chunk.lastIndex(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) { lastNonSpace = chunk[last] }
                if isText, chunk.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }) { isText = false }
            }
            bytes += count
            if count == 0 { break }
        }
        sha256 = SHA256.hex(digest.finalize())
        secrets = scanner?.matches ?? []
        droppedSecrets = scanner?.droppedMatches ?? 0
    }
}
