#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls whose Swift names clash with members of our own types.
@inline(__always) func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
@inline(__always) func connectDescriptor(_ fd: Int32, _ address: UnsafePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}

/// Messages and poll slices for the system calls above.
enum SystemError {
    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Milliseconds for one poll: at most 100, so a cancelled caller is noticed promptly.
    static func pollSlice(_ remaining: Duration) -> Int32 {
        let ms = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
        return Int32(max(1, min(100, ms + 1)))
    }
}
