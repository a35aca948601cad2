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
        var pending: [UInt8] = []
        var lineNumber = 0
        var total = 0
        func emit(_ line: UnsafeRawBufferPointer) throws {
            lineNumber += 1
            var end = line.count
            if end > 0, line[end - 1] == 0x0D { end -= 1 }
            try body(UnsafeRawBufferPointer(rebasing: line[0..<end]), lineNumber)
        }
        while true {
            try Task.checkCancellation()
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw GateFailure("cannot read '\(name)': \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            total += count
            try chunk.withUnsafeBytes { all in
                let bytes = UnsafeRawBufferPointer(rebasing: all[0..<count])
                var start = 0
                while let newline = bytes[start...].firstIndex(of: 0x0A) {
                    if pending.isEmpty {
                        try emit(UnsafeRawBufferPointer(rebasing: bytes[start..<newline]))
                    } else {
                        pending.append(contentsOf: bytes[start..<newline])
                        try pending.withUnsafeBytes { try emit($0) }
                        pending.removeAll(keepingCapacity: true)
                    }
                    start = newline + 1
                }
                pending.append(contentsOf: bytes[start...])
                if pending.count > maximumLineBytes {
                    throw GateFailure("\(name) line \(lineNumber + 1) is longer than \(maximumLineBytes) bytes")
                }
            }
        }
        if !pending.isEmpty { try pending.withUnsafeBytes { try emit($0) } }
        return total
    }
}
