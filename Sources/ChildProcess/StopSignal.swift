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
    /// The end to poll. Polled only while the child's pipes are open (under their locks, or by its
    /// watching thread before the child ends), and `close()` comes after those: never a stale number.
    let fd: Int32
    /// The end `raise` writes to, -1 once closed, so a late `raise` cannot write into a reused number.
    private let writeEnd: Locked<Int32>

    init() throws(ChildProcess.LaunchError) {
        let ends = try PipeEnds.make()
        for end in [ends.read, ends.write] { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        fd = ends.read
        writeEnd = Locked(ends.write)
    }

    /// Nothing ever reads the byte, so the pipe stays readable; a full pipe (EAGAIN) is raised already.
    func raise() {
        writeEnd.withLock { end in
            guard end >= 0 else { return }
            var byte: UInt8 = 1
            _ = write(end, &byte, 1)
        }
    }

    /// Once the child has ended and nothing polls `fd` any more.
    func close() {
        writeEnd.withLock { end in
            guard end >= 0 else { return }
            _ = Self.closeDescriptor(end)
            _ = Self.closeDescriptor(fd)
            end = -1
        }
    }

    deinit { close() }

    private static func closeDescriptor(_ fd: Int32) -> Int32 {
        #if canImport(Darwin)
        Darwin.close(fd)
        #elseif canImport(Glibc)
        Glibc.close(fd)
        #else
        Musl.close(fd)
        #endif
    }
}
