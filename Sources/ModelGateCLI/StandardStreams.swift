import Foundation
import Synchronization

/// stdin, stdout and stderr made safe to write to whatever the caller did with them.
///
/// - SIGPIPE is ignored: with stdout a closed pipe (`modelgate run | head -1`) a write fails with
///   EPIPE instead of killing modelgate before it has written its file reports.
/// - A standard descriptor the caller closed (`>&-`) is held open on /dev/null, so the first file
///   modelgate opens (a report's temporary file) cannot become fd 1 and receive the console
///   report; writes meant for a closed stream report failure instead of vanishing.
enum StandardStreams {
    private static let closed = Mutex<Set<Int32>>([])

    /// Call first thing, before any file is opened.
    static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        var wasClosed: Set<Int32> = []
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
            wasClosed.insert(fd)
        }
        closed.withLock { $0 = wasClosed }
    }

    static func isClosed(_ fd: Int32) -> Bool { closed.withLock { $0.contains(fd) } }

    /// Writes every byte to `fd`, retrying short writes and EINTR; nil when done, else the `errno`
    /// that stopped it (EPIPE for a reader gone, EBADF for a stream the caller closed).
    static func write(_ bytes: some Collection<UInt8>, to fd: Int32) -> Int32? {
        if isClosed(fd) { return EBADF }
        return writeAll(Array(bytes), to: fd)
    }

    /// Every byte to any descriptor, retrying short writes and EINTR; nil when done, else the `errno`.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return nil
        }
    }
}
