/// The loopback test server could not start: the call that failed and its errno.
public struct LoopbackServerError: Error, CustomStringConvertible {
    public var call: String
    public var errno: Int32
    public var description: String { "loopback test server: \(call) failed (errno \(errno))" }
}
