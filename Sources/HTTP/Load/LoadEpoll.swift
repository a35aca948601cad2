#if os(Linux)
import Glibc

/// Readiness of many sockets on one thread, with epoll, and a timerfd for wake-ups finer than
/// epoll_wait's milliseconds (open-model arrivals are microseconds apart at high rates).
///
/// The toolchain's Glibc module does not export <sys/epoll.h> or <sys/timerfd.h>, and the fuzz
/// build compiles this folder as plain Swift, so the calls are looked up with dlsym and called
/// through C function types; struct epoll_event is read at its ABI offsets (packed on x86-64).
/// Level-triggered: a socket stays reported while it has data, so no read loop must drain it.
struct LoadPoller {
    static let timerToken = UInt64.max

    private typealias Create = @convention(c) (Int32) -> Int32
    private typealias Control = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias Wait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    private typealias TimerCreate = @convention(c) (Int32, Int32) -> Int32
    private typealias TimerSet = @convention(c) (Int32, Int32, UnsafeRawPointer?, UnsafeMutableRawPointer?) -> Int32

    #if arch(x86_64)
    private static let eventStride = 12, dataOffset = 4
    #else
    private static let eventStride = 16, dataOffset = 8
    #endif
    private static let pollIn: UInt32 = 0x001, pollOut: UInt32 = 0x004, pollErr: UInt32 = 0x008,
                       pollHup: UInt32 = 0x010, pollRdHup: UInt32 = 0x2000
    private static let add: Int32 = 1, modify: Int32 = 3

    private let control: Control
    private let waitCall: Wait
    private let timerSet: TimerSet
    private let epoll: Int32
    private let timer: Int32
    private let events: UnsafeMutableRawBufferPointer
    private let capacity: Int
    /// The absolute deadline the timer is set to; 0 when it is not set.
    private var armed: UInt64 = 0

    init(capacity: Int) throws(LoadSetupError) {
        func symbol<T>(_ name: String, _ type: T.Type) throws(LoadSetupError) -> T {
            guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
                throw .system(call: "dlsym(\(name))", errno: ENOSYS)
            }
            return unsafeBitCast(address, to: type)
        }
        let create = try symbol("epoll_create1", Create.self)
        control = try symbol("epoll_ctl", Control.self)
        waitCall = try symbol("epoll_wait", Wait.self)
        let timerCreate = try symbol("timerfd_create", TimerCreate.self)
        timerSet = try symbol("timerfd_settime", TimerSet.self)
        epoll = create(O_CLOEXEC)
        guard epoll >= 0 else { throw .system(call: "epoll_create1", errno: errno) }
        timer = timerCreate(Int32(CLOCK_MONOTONIC), O_CLOEXEC | O_NONBLOCK)
        guard timer >= 0 else {
            let error = errno
            _ = Glibc.close(epoll)
            throw .system(call: "timerfd_create", errno: error)
        }
        self.capacity = capacity
        events = .allocate(byteCount: capacity * Self.eventStride, alignment: 8)
        let error = watch(timer, token: Self.timerToken, writable: false)
        guard error == 0 else {
            close()
            throw .system(call: "epoll_ctl", errno: error)
        }
    }

    /// Starts reporting `fd` as readable (always) and writable (when asked); 0 or the errno.
    func watch(_ fd: Int32, token: UInt64, writable: Bool) -> Int32 {
        apply(Self.add, fd, token: token, writable: writable)
    }

    /// Turns reports of writability on or off for a watched socket; 0 or the errno.
    func changeWatch(_ fd: Int32, token: UInt64, writable: Bool) -> Int32 {
        apply(Self.modify, fd, token: token, writable: writable)
    }

    private func apply(_ operation: Int32, _ fd: Int32, token: UInt64, writable: Bool) -> Int32 {
        var event = (UInt64(0), UInt64(0))  // 16 bytes, enough for either layout
        withUnsafeMutableBytes(of: &event) { raw in
            raw.storeBytes(of: Self.pollIn | Self.pollRdHup | (writable ? Self.pollOut : 0), toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: token, toByteOffset: Self.dataOffset, as: UInt64.self)
        }
        let result = withUnsafeMutableBytes(of: &event) { control(epoll, operation, fd, $0.baseAddress) }
        return result == 0 ? 0 : errno
    }

    /// Waits until a watched socket is ready or `deadline` (monotonic ns) passes; returns how
    /// many events `event(_:)` can read. A socket closed with close(2) leaves epoll by itself.
    mutating func wait(until deadline: UInt64, now: UInt64) -> Int {
        var timeout: Int32 = 0
        if deadline > now {
            if deadline != armed {
                var spec = itimerspec()
                spec.it_value.tv_sec = Int(deadline / 1_000_000_000)
                spec.it_value.tv_nsec = Int(deadline % 1_000_000_000)
                let absolute: Int32 = 1  // TFD_TIMER_ABSTIME
                armed = withUnsafeBytes(of: &spec) { timerSet(timer, absolute, $0.baseAddress, nil) } == 0 ? deadline : 0
            }
            // The timer wakes the wait; the bound only matters if setting the timer failed.
            timeout = armed == deadline ? 1000 : Int32(min((deadline - now) / 1_000_000 + 1, 1000))
        }
        let count = waitCall(epoll, events.baseAddress, Int32(capacity), timeout)
        return max(Int(count), 0)
    }

    func event(_ index: Int) -> LoadPollEvent {
        let base = index * Self.eventStride
        let flags = events.loadUnaligned(fromByteOffset: base, as: UInt32.self)
        let token = events.loadUnaligned(fromByteOffset: base + Self.dataOffset, as: UInt64.self)
        return LoadPollEvent(token: token, readable: flags & (Self.pollIn | Self.pollRdHup) != 0,
                             writable: flags & Self.pollOut != 0, failed: flags & (Self.pollErr | Self.pollHup) != 0)
    }

    /// The timer was reported: the next wait with a deadline sets it again, and setting a
    /// timerfd clears its expiry, so no read is spent on it (until then it may be reported again,
    /// which costs nothing but the report).
    mutating func timerFired() {
        armed = 0
    }

    func close() {
        _ = Glibc.close(timer)
        _ = Glibc.close(epoll)
        events.deallocate()
    }
}
#endif
