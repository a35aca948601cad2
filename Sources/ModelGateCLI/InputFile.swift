import Digest
import Foundation

/// The check every file modelgate reads to its end goes through first: a FIFO would wait forever
/// for a writer, and /dev/zero or /dev/urandom never end.
enum InputFile {
    /// Why `path` cannot be read as data, or nil when it is a regular file or is not there
    /// (a missing file is reported by whoever reads it, with its own words).
    static func problem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT != S_IFREG else { return nil }
        return "\(path) is \(SHA256.fileTypeName(info.st_mode)), not a regular file; modelgate reads data only from regular files"
    }
}
