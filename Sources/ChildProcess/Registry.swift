// The process-wide list of live children, so shutdown can kill them all, and the lock it needs.

import Foundation

/// A value that several threads share, only ever touched while holding a lock.
///
/// `NSLock` rather than `Synchronization.Mutex`: Mutex needs macOS 15, the package supports macOS 14.
final class Locked<Value: Sendable>: @unchecked Sendable {
    // Why @unchecked is safe: `value` is private and only read or written inside `withLock`, which
    // holds `lock` for the whole access; `Value` is Sendable, so what a closure returns may cross threads.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Set by a task cancellation handler, read by the supervising thread.
final class CancellationFlag: Sendable {
    private let state = Locked(false)
    func cancel() { state.withLock { $0 = true } }
    var isCancelled: Bool { state.withLock { $0 } }
}

/// Live process groups (each child leads its own, so its pid is the group id).
///
/// The rule that makes killing safe: a group is removed (under the lock) *before* its leader is
/// reaped, and kills from other threads happen under the lock. So whoever kills a listed group
/// does it while the leader's pid is still held (alive or a zombie) and cannot belong to a
/// recycled, unrelated process group.
struct Registry: Sendable {
    static let shared = Locked(Registry())

    private(set) var groups: Set<pid_t> = []
    /// Every child started and not yet reaped: its pid is still reserved, and its exit status is
    /// its supervisor's to collect, so nobody else may reap it.
    private(set) var unreaped: Set<pid_t> = []
    /// After `terminateAll`, nothing new may start: modelgate is on its way out.
    private(set) var closed = false

    mutating func insert(_ group: pid_t) {
        groups.insert(group)
        unreaped.insert(group)
    }
    mutating func remove(_ group: pid_t) { groups.remove(group) }
    mutating func reaped(_ child: pid_t) { unreaped.remove(child) }

    /// Allows spawning again after `terminateAll` (for tests, which outlive the shutdown they test).
    mutating func reopen() { closed = false }

    mutating func terminateAll() {
        closed = true
        for group in groups { kill(-group, SIGKILL) }
    }
}

extension Locked where Value == Registry {
    func terminateAll() {
        let groups = withLock { registry in
            registry.terminateAll()
            return registry.groups
        }
        #if os(Linux)
        // The group kill misses what left the group; modelgate may exit right after this, and its
        // children's parent-death signal reaches only them, not what they started.
        let deadline = ContinuousClock.now + .milliseconds(500)
        for group in groups { _ = Descendants.killAll(session: group, until: deadline) }
        #endif
    }
}
