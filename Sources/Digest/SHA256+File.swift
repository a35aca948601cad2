// Hashing a file in one streaming pass with one fixed buffer, so a many-GB model file costs 1 MiB of memory.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension SHA256 {
    /// A file that could not be hashed, naming the file and the operating system's reason.
    public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Operation: String, Sendable {
            case open, read
            /// The file is not a regular file (a FIFO, a device, a folder): `code` is 0, `fileType` says what it is.
            case checkType
            /// The caller asked to stop (a signal, a deadline) before the end of the file.
            case cancelled
        }
        public let path: String
        public let operation: Operation
        /// The `errno` value of the failing call (0 for `checkType` and `cancelled`).
        public let code: Int32
        /// For `checkType`: what the file is instead, like "a FIFO".
        public let fileType: String?

        public init(path: String, operation: Operation, code: Int32, fileType: String? = nil) {
            self.path = path
            self.operation = operation
            self.code = code
            self.fileType = fileType
        }

        public var description: String {
            switch operation {
            case .open, .read: "cannot \(operation.rawValue) '\(path)': \(String(cString: strerror(code)))"
            case .checkType: "'\(path)' is \(fileType ?? "not a regular file"), not a regular file"
            case .cancelled: "stopped hashing '\(path)' before its end"
            }
        }
    }

    /// Bytes read per system call: large enough to amortise the calls, small enough to never matter.
    public static let fileChunkSize = 1 << 20

    /// The digest of the file at `path` in lowercase hex, and the number of bytes hashed.
    public static func hashFile(atPath path: String) throws(FileError) -> (hex: String, bytes: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, operation: .open, code: errno) }
        defer { close(fd) }
        return try hash(descriptor: fd, path: path, isCancelled: { false })
    }

    /// Like `hashFile(atPath:)`, for files that must be regular: a FIFO, `/dev/zero` or
    /// `/dev/urandom` would block or never end. The type is checked with `stat` before opening and
    /// again with `fstat` on what was opened (without blocking, `O_NONBLOCK`), so a file swapped for
    /// a FIFO between the two is still refused. `isCancelled` is asked before every chunk.
    public static func hashRegularFile(atPath path: String, isCancelled: () -> Bool) throws(FileError) -> (hex: String, bytes: Int) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileError(path: path, operation: .open, code: errno) }
        try requireRegular(info, path: path)
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw FileError(path: path, operation: .open, code: errno) }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { throw FileError(path: path, operation: .open, code: errno) }
        try requireRegular(info, path: path)
        return try hash(descriptor: fd, path: path, isCancelled: isCancelled)
    }

    /// What a `stat` mode is, in words for an error message.
    public static func fileTypeName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }

    private static func requireRegular(_ info: stat, path: String) throws(FileError) {
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FileError(path: path, operation: .checkType, code: 0, fileType: fileTypeName(info.st_mode))
        }
    }

    private static func hash(descriptor fd: Int32, path: String, isCancelled: () -> Bool) throws(FileError) -> (hex: String, bytes: Int) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: fileChunkSize, alignment: 16)
        defer { buffer.deallocate() }

        var hasher = SHA256()
        var total = 0
        while true {
            if isCancelled() { throw FileError(path: path, operation: .cancelled, code: 0) }
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                // A directory opens fine and fails here with EISDIR, which names the problem well.
                throw FileError(path: path, operation: .read, code: errno)
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            total += count
        }
        return (hex(hasher.finalize()), total)
    }
}
