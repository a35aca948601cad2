#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a JSON report file that modelgate is given back (`--baseline`, `merge`): a regular file
/// no larger than a cap, checked with stat before a byte is read, so that `/dev/zero`, a FIFO or a
/// gigabyte of spaces is refused at once rather than read into memory or waited on.
enum ReportFile {
    /// `what` names the file in messages: "baseline report", "shard report".
    static func read(_ path: String, what: String, maxBytes: Int) throws(ConfigError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw failure(what, path, "cannot be read: \(reason())") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw failure(what, path, "is not a regular file: modelgate reads reports from files")
        }
        guard Int(info.st_size) <= maxBytes else { throw tooLarge(what, path, maxBytes) }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw failure(what, path, "cannot be read: \(reason())") }
        defer { close(fd) }
        // Checked again on what was opened: the path may have been swapped since the stat.
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw failure(what, path, "is not a regular file: modelgate reads reports from files")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { readSome(fd, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(what, path, "cannot be read: \(reason())")
            }
            // A file that grows while it is read is held to the same cap.
            guard bytes.count + count <= maxBytes else { throw tooLarge(what, path, maxBytes) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    private static func failure(_ what: String, _ path: String, _ problem: String) -> ConfigError {
        ConfigError("\(what) \(problem)", path: path, at: .none)
    }

    private static func tooLarge(_ what: String, _ path: String, _ maxBytes: Int) -> ConfigError {
        failure(what, path, "is larger than \(maxBytes >> 20) MiB, more than any report modelgate writes; it was not read")
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}

/// POSIX read(2), named apart from `ReportFile.read`, which hides the global name.
private func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
