// The pipes between modelgate and a child.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pipe whose two ends are close-on-exec and numbered 3 or above.
struct PipeEnds {
    let read: Int32
    let write: Int32

    static func make() throws(ChildProcess.LaunchError) -> PipeEnds {
        var fds: [Int32] = [-1, -1]
        guard makeCloseOnExecPipe(&fds) == 0 else { throw .systemCall("pipe", code: errno) }
        // If modelgate was started with 0, 1 or 2 closed, a pipe end can get one of those numbers,
        // and the child's dup2 onto 0/1/2 would then clobber it. Move such ends out of the way.
        for index in fds.indices where fds[index] < 3 {
            let moved = fcntl(fds[index], F_DUPFD_CLOEXEC, 3)
            let code = errno
            close(fds[index])
            fds[index] = moved
            guard moved >= 0 else {
                fds.filter { $0 >= 0 }.forEach { close($0) }
                throw .systemCall("fcntl(F_DUPFD_CLOEXEC)", code: code)
            }
        }
        return PipeEnds(read: fds[0], write: fds[1])
    }
}

/// pipe2(O_CLOEXEC) where available: atomic, so a child spawned meanwhile by another thread cannot
/// inherit the new descriptors. Darwin lacks pipe2 (and POSIX_SPAWN_CLOEXEC_DEFAULT covers it there).
private func makeCloseOnExecPipe(_ fds: inout [Int32]) -> Int32 {
    #if !canImport(Darwin)
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    if let symbol = dlsym(nil, "pipe2") {
        return unsafeBitCast(symbol, to: Pipe2.self)(&fds, O_CLOEXEC)
    }
    #endif
    guard pipe(&fds) == 0 else { return -1 }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return 0
}

