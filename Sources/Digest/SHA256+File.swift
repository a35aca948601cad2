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
        public enum Operation: String, Sendable { case open, read }
        public let path: String
        public let operation: Operation
        /// The `errno` value of the failing call.
        public let code: Int32

        public init(path: String, operation: Operation, code: Int32) {
            self.path = path
            self.operation = operation
            self.code = code
        }

        public var description: String {
            "cannot \(operation.rawValue) '\(path)': \(String(cString: strerror(code)))"
        }
    }

    /// Bytes read per system call: large enough to amortise the calls, small enough to never matter.
    public static let fileChunkSize = 1 << 20

    /// The digest of the file at `path` in lowercase hex, and the number of bytes hashed.
    public static func hashFile(atPath path: String) throws(FileError) -> (hex: String, bytes: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, operation: .open, code: errno) }
        defer { close(fd) }

        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: fileChunkSize, alignment: 16)
        defer { buffer.deallocate() }

        var hasher = SHA256()
        var total = 0
        while true {
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
