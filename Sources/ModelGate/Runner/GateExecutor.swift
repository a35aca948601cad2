import Dispatch

/// Where a gate's work runs: a serial queue of its own, not Swift's shared cooperative pool.
///
/// The pool has one thread per core, and any code that computes or blocks without awaiting holds
/// one. A gate's timeout is wall-clock time from the moment the runner starts it, so on the pool a
/// gate could spend its whole budget waiting for a thread: in the parallel test suite on a 2-core
/// machine, two CPU-bound tests held both threads for 38 s, and a plug-in gate with a 10 s timeout
/// "timed out" before its first line ran (issue 8). Dispatch gives this queue a thread of its own
/// whenever it has work, as it does for the deadline timer. CPU-parallel work inside a gate belongs
/// on threads of its own (as the accuracy gate's readers are); awaiting I/O is fine here.
final class GateExecutor: TaskExecutor {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
