#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a configuration or data document from a file, choosing the syntax by its extension.
public enum DocumentReader {
    /// Larger files are refused rather than read: configuration is small, and a path such as
    /// `/dev/zero` must not exhaust memory.
    public static let maxFileSize = 64 << 20

    /// Reads `path` as JSON when it ends in `.json` (any case), as YAML otherwise. A file that
    /// cannot be read is a `DocumentError` at line 0 naming the path and the system's reason.
    public static func read(contentsOf path: String) throws(DocumentError) -> Node {
        let bytes = try readFile(path)
        if path.lowercased().hasSuffix(".json") {
            return try JSONReader.read(bytes)
        }
        return try YAMLReader.read(bytes)
    }

    static func readFile(_ path: String) throws(DocumentError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ioError(path) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n == 0 { return bytes }
            if n < 0 {
                if errno == EINTR { continue }
                throw ioError(path)
            }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxFileSize {
                throw DocumentError("cannot read '\(path)': larger than \(maxFileSize >> 20) MiB", at: SourceLocation(line: 0, column: 0))
            }
        }
    }

    private static func ioError(_ path: String) -> DocumentError {
        let reason = String(cString: strerror(errno))
        return DocumentError("cannot read '\(path)': \(reason)", at: SourceLocation(line: 0, column: 0))
    }
}

/// POSIX read(2); named apart because `DocumentReader.read` hides the global name.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
