#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a configuration or data document from a file, choosing the syntax by its extension.
///
/// This is the one place a document file is read: its size is checked before any byte is, and
/// only regular files are read, so a huge file, `/dev/zero` or a FIFO costs nothing.
public enum DocumentReader {
    /// The cap when the caller gives none. Configuration is small; readers of a particular kind
    /// of file pass their own, documented cap.
    public static let maxFileSize = 64 << 20

    /// Reads `path` as JSON when it ends in `.json` (any case), as YAML otherwise. A file that
    /// cannot be read is a `DocumentError` at line 0 naming the path and the reason.
    public static func read(contentsOf path: String, maxSize: Int = maxFileSize) throws(DocumentError) -> Node {
        let bytes: [UInt8]
        do throws(DocumentFileError) {
            bytes = try readFile(path, maxSize: maxSize)
        } catch {
            throw DocumentError("cannot read '\(path)': \(error)", at: SourceLocation(line: 0, column: 0))
        }
        return try read(bytes, path: path)
    }

    /// Reads the bytes of a file named `path`: JSON when it ends in `.json` (any case), else YAML.
    public static func read(_ bytes: [UInt8], path: String) throws(DocumentError) -> Node {
        if path.lowercased().hasSuffix(".json") {
            return try JSONReader.read(bytes)
        }
        return try YAMLReader.read(bytes)
    }

    /// The bytes of the regular file `path`, refused unread when the file system says it holds
    /// more than `maxSize` bytes.
    public static func readFile(_ path: String, maxSize: Int) throws(DocumentFileError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; its kind is refused just below.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw openError() }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(systemReason()) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .isDirectory
        default: throw .notRegularFile
        }
        let size = Int(info.st_size)
        guard size <= maxSize else { throw .tooLarge(size: size, limit: maxSize) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + 1)
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            // A file that grows while it is read is cut one byte past the cap, and refused.
            let room = min(chunk.count, maxSize + 1 - bytes.count)
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, room) }
            if n == 0 { return bytes }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(systemReason())
            }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxSize { throw .tooLarge(size: max(size, bytes.count), limit: maxSize) }
        }
    }

    private static func openError() -> DocumentFileError {
        switch errno {
        case ENOENT: return .missing
        case EISDIR: return .isDirectory
        default: return .unreadable(systemReason())
        }
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}

/// POSIX read(2); named apart because `DocumentReader.read` hides the global name.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
