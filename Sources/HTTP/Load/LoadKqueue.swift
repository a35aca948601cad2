#if canImport(Darwin)
import Darwin

/// Readiness of many sockets on one thread, with kqueue: the macOS counterpart of the epoll
/// poller, with the same interface. kevent's own timeout has nanosecond resolution, so no timer
/// is needed. Not exercised by CI, which runs Linux.
struct LoadPoller {
    static let timerToken = UInt64.max

    private let queue: Int32
    private let events: UnsafeMutablePointer<kevent>
    private let capacity: Int

    init(capacity: Int) throws(LoadSetupError) {
        queue = kqueue()
        guard queue >= 0 else { throw .system(call: "kqueue", errno: errno) }
        self.capacity = capacity
        events = .allocate(capacity: capacity)
    }

    func watch(_ fd: Int32, token: UInt64, writable: Bool) -> Int32 {
        apply(fd, token: token, readFlags: UInt16(EV_ADD), writable: writable)
    }

    func changeWatch(_ fd: Int32, token: UInt64, writable: Bool) -> Int32 {
        apply(fd, token: token, readFlags: nil, writable: writable)
    }

    private func apply(_ fd: Int32, token: UInt64, readFlags: UInt16?, writable: Bool) -> Int32 {
        let udata = UnsafeMutableRawPointer(bitPattern: UInt(token))
        var changes = [kevent]()
        if let readFlags {
            changes.append(kevent(ident: UInt(fd), filter: Int16(EVFILT_READ), flags: readFlags, fflags: 0, data: 0, udata: udata))
        }
        let writeFlags = UInt16(EV_ADD) | UInt16(writable ? EV_ENABLE : EV_DISABLE)
        changes.append(kevent(ident: UInt(fd), filter: Int16(EVFILT_WRITE), flags: writeFlags, fflags: 0, data: 0, udata: udata))
        let result = kevent(queue, changes, Int32(changes.count), nil, 0, nil)
        return result < 0 ? errno : 0
    }

    mutating func wait(until deadline: UInt64, now: UInt64) -> Int {
        let remaining = deadline > now ? deadline - now : 0
        var timeout = timespec(tv_sec: Int(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
        let count = kevent(queue, nil, 0, events, Int32(capacity), &timeout)
        return max(Int(count), 0)
    }

    func event(_ index: Int) -> LoadPollEvent {
        let event = events[index]
        let token = UInt64(UInt(bitPattern: event.udata))
        let failed = event.flags & UInt16(EV_ERROR) != 0 || (event.filter == Int16(EVFILT_WRITE) && event.flags & UInt16(EV_EOF) != 0)
        return LoadPollEvent(token: token, readable: event.filter == Int16(EVFILT_READ),
                             writable: event.filter == Int16(EVFILT_WRITE), failed: failed)
    }

    mutating func timerFired() {}

    func close() {
        _ = Darwin.close(queue)
        events.deallocate()
    }
}
#endif
