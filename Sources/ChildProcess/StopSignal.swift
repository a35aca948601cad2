// Waking threads blocked in poll() on a long-lived child's pipes when it is to stop or has ended.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pipe that becomes readable, for good, once raised: every poll() that includes `fd` returns at
/// once from then on, whichever thread raised it and whenever the poll began.
final class StopSignal: Sendable {
    // Why Sendable: both descriptors are set once in init and closed only in deinit, when no other
    // reference (and so no poll on them) is left.
    let fd: Int32
    private let writeEnd: Int32

    init() throws(ChildProcess.LaunchError) {
        let ends = try PipeEnds.make()
        for end in [ends.read, ends.write] { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        fd = ends.read
        writeEnd = ends.write
    }

    /// Nothing ever reads the byte, so the pipe stays readable; a full pipe (EAGAIN) is raised already.
    func raise() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    var isRaised: Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }

    deinit {
        close(fd)
        close(writeEnd)
    }
}
