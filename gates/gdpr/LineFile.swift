import Foundation
import ModelGate

/// Reads a file line by line in one pass with one buffer: only regular files, lines up to a cap
/// (a longer one is an error naming the line), cancellation checked between chunks.
enum LineFile {
    static let chunkSize = 1 << 20
    static let maximumLineBytes = 16 << 20

    /// Calls `body` with each line (without its `\n` or `\r\n`) and its 1-based number; returns the bytes read.
    static func forEachLine(path: String, name: String, _ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws -> Int {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw GateFailure("cannot open '\(name)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw GateFailure("'\(name)' is not a regular file")
        }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var splitter = LineSplitter(maximumLineBytes: maximumLineBytes)
        var total = 0
        do {
            while true {
                try Task.checkCancellation()
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw GateFailure("cannot read '\(name)': \(String(cString: strerror(errno)))")
                }
                if count == 0 { break }
                total += count
                try chunk.withUnsafeBytes { try splitter.feed(UnsafeRawBufferPointer(rebasing: $0[0..<count]), body) }
            }
            try splitter.finish(body)
        } catch let error as LineSplitter.LineTooLong {
            throw GateFailure("\(name) line \(error.line) is longer than \(maximumLineBytes) bytes")
        }
        return total
    }
}
