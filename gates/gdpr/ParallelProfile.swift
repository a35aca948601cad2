import Foundation

/// Worker threads that profile batches while the caller reads the file: the caller fills free
/// batches and sends them, each worker profiles whole batches into a state of its own, and
/// `finish` returns the workers' states for the caller to merge. Every profile here merges to
/// exactly the single-thread result, so the number of workers changes the speed, never the result.
//
// Memory: the batches given at the start, however large the file. The workers are always
// stopped and waited for, by `finish()` or else by `deinit` (an error or a cancellation while
// reading), so no thread outlives the profile.
final class ParallelProfile<Batch: ProfileBatch, Worker: Sendable> {
    private let queue: BatchQueue<Batch>
    private let results: WorkerSlots<Worker>
    private let group = DispatchGroup()
    private var finished = false

    /// Starts one thread per element of `workers` (their starting states). `work` profiles one
    /// batch into a worker's state and returns false when the file need not be read further.
    init(batches: [Batch], workers: [Worker], work: @escaping @Sendable (Batch, inout Worker) -> Bool) {
        precondition(!workers.isEmpty && batches.count > workers.count, "at least one worker, and a batch more than workers")
        queue = BatchQueue(batches)
        results = WorkerSlots(workers)
        for (index, start) in workers.enumerated() {
            let queue = self.queue, results = self.results, group = self.group
            group.enter()
            let thread = Thread {
                var state = start
                while let batch = queue.takeFilled() {
                    if !work(batch, &state) { queue.askToStop() }
                    queue.recycle(batch)
                }
                results.store(state, at: index)
                group.leave()
            }
            thread.name = "modelgate gdpr profile"
            thread.start()
        }
    }

    deinit {
        if !finished {
            queue.close(abandon: true)
            group.wait()
        }
    }

    /// An empty batch to fill; waits while every batch is in flight.
    func takeFree() -> Batch { queue.takeFree() }

    /// Hands a filled batch to the workers.
    func send(_ batch: Batch) { queue.send(batch) }

    /// Returns a batch that was taken but not filled.
    func giveBack(_ batch: Batch) { queue.recycle(batch) }

    /// Whether a worker said the rest of the file need not be read.
    var stopWasAsked: Bool { queue.stopWasAsked }

    /// Waits until every batch sent is profiled, and returns the workers' states in worker order.
    func finish() -> [Worker] {
        finished = true
        queue.close(abandon: false)
        group.wait()
        return results.all()
    }

    /// One state per worker, written by that worker alone and read after it has left the group.
    private final class WorkerSlots<State>: @unchecked Sendable {
        // @unchecked Sendable: slot i is written once by worker i; `all` runs after
        // `group.wait()`, which orders those writes before the read. Raw memory, not an array:
        // the workers write their slots at the same time.
        private let slots: UnsafeMutableBufferPointer<State>

        init(_ states: [State]) {
            slots = .allocate(capacity: states.count)
            _ = slots.initialize(from: states)
        }

        deinit {
            _ = slots.deinitialize()
            slots.deallocate()
        }

        func store(_ state: State, at index: Int) {
            slots[index] = state
        }

        func all() -> [State] { Array(slots) }
    }
}
