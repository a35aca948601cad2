import Digest
import Foundation

/// Where one report's bytes go, decided before anything runs.
enum ReportTarget: Equatable {
    /// An open standard stream: stdout (no path, or a path naming the same file as stdout, like
    /// /dev/stdout) or stderr. Written in place, never replaced.
    case descriptor(Int32)
    /// A regular file, new or existing: written beside it and renamed over it, so a reader sees the
    /// old report or the new one, never half of one. A symbolic link's target is the file.
    case file(String)
    /// A FIFO or a character device (/dev/null, a terminal): opened and written into, never
    /// renamed over or replaced.
    case stream(String)

    /// Why a path cannot take a report.
    struct Refusal: Error {
        var message: String
    }

    /// Decides how `path` is written: every special case is settled here, once, before the run.
    static func resolve(_ path: String) throws(Refusal) -> ReportTarget {
        let identity = FileIdentity(path: path)
        for fd in [STDOUT_FILENO, STDERR_FILENO] where !StandardStreams.isClosed(fd) && FileIdentity(descriptor: fd) == identity {
            return .descriptor(fd)
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw Refusal(message: "\(path) cannot be examined: \(String(cString: strerror(errno)))") }
            return .file(path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(path)
        case S_IFIFO, S_IFCHR: return .stream(path)
        case S_IFLNK:
            // Written through to the link's target, as a shell's `>` would: the link stays a link.
            guard let target = FileIdentity.realPath(path) else {
                throw Refusal(message: "\(path) is a symbolic link to a file that does not exist; give the target's path instead")
            }
            return try resolve(target)
        default:
            throw Refusal(message: "\(path) is \(SHA256.fileTypeName(info.st_mode)); a report goes to a file, a FIFO or a character device")
        }
    }

    /// The file the target writes to, for comparing with the run's inputs and other reports.
    var identity: FileIdentity? {
        switch self {
        case .descriptor(let fd): FileIdentity(descriptor: fd)
        case .file(let path), .stream(let path): FileIdentity(path: path)
        }
    }
}
