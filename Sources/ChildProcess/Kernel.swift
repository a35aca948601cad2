// The Linux process controls modelgate needs, which glibc declares only for _GNU_SOURCE (Swift's
// Glibc module does not define it) or as variadic functions Swift cannot call: looked up by name,
// and called through a fixed signature (integer arguments pass alike either way on Linux's ABIs).

#if os(Linux)
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

enum Kernel {
    private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    private typealias CloseRange = @convention(c) (UInt32, UInt32, Int32) -> Int32

    private static let prctl: Prctl? = dlsym(nil, "prctl").map { unsafeBitCast($0, to: Prctl.self) }
    /// glibc 2.34+ and Linux 5.9+; without either, descriptors are closed one by one.
    private static let closeRange: CloseRange? = dlsym(nil, "close_range").map { unsafeBitCast($0, to: CloseRange.self) }

    private static let setParentDeathSignalOption: Int32 = 1   // PR_SET_PDEATHSIG
    private static let setChildSubreaperOption: Int32 = 36     // PR_SET_CHILD_SUBREAPER

    /// Makes modelgate adopt every orphan among its children's descendants (instead of init), so
    /// that it can find and kill them, and must reap them. Done once, before the first child starts.
    static let becomeSubreaper: Void = { setSubreaper() }()

    /// The calling process adopts its descendants' orphans. Async-signal-safe once `prctl` is resolved.
    static func setSubreaper() {
        _ = prctl?(setChildSubreaperOption, 1, 0, 0, 0)
    }

    /// The calling process gets `signal` when the thread that created it ends (or its whole process dies).
    static func setParentDeathSignal(_ signal: Int32) {
        _ = prctl?(setParentDeathSignalOption, UInt(signal), 0, 0, 0)
    }

    /// Closes descriptors `first..<end`; false when the kernel or C library cannot.
    static func closeDescriptors(from first: Int32, below end: Int32) -> Bool {
        guard first < end else { return true }
        guard let closeRange else { return false }
        return closeRange(UInt32(first), UInt32(end - 1), 0) == 0
    }

    /// Resolves the functions above now, in the parent: dlsym may take a lock, so a forked child must
    /// never be the first to use them.
    static func prepare() {
        _ = prctl
        _ = closeRange
        _ = becomeSubreaper
    }
}
#endif
