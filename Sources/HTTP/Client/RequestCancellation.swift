import Synchronization

/// Set once by a task's cancellation handler, read by the thread waiting in `poll`.
final class RequestCancellation: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .relaxed) }
    func set() { flag.store(true, ordering: .relaxed) }
}
