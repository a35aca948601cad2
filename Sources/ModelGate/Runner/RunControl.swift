import Synchronization

/// Lets a signal handler stop a run. The running gate notices within a few tens of milliseconds
/// and is cancelled; the runner still writes every report, with verdict `error`.
public final class RunControl: Sendable {
    private let reason = Mutex<String?>(nil)

    public init() {}

    public func interrupt(_ why: String) {
        reason.withLock { if $0 == nil { $0 = why } }
    }

    public var interruption: String? { reason.withLock { $0 } }
}

/// Resumes a continuation exactly once, whichever of several racers gets there first.
final class FirstOf<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    var isResolved: Bool { continuation.withLock { $0 == nil } }

    func resume(_ value: Value) {
        let pending = continuation.withLock { stored -> CheckedContinuation<Value, Never>? in
            defer { stored = nil }
            return stored
        }
        pending?.resume(returning: value)
    }
}
