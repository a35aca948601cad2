import Foundation

/// A bounded hand-over of batches between the reading thread and the profiling workers: a fixed
/// set of batches goes round (free → filled by the reader → profiled by a worker → free), so
/// memory holds at most that many batches however large the file.
final class BatchQueue<Batch: ProfileBatch>: @unchecked Sendable {
    // @unchecked Sendable: every field is read and written under `condition`'s lock.
    private let condition = NSCondition()
    private var free: [Batch]
    private var filled: [Batch] = []
    private var closed = false
    private var abandoned = false
    private var stopAsked = false

    init(_ batches: [Batch]) {
        free = batches
    }

    /// An empty batch for the reader to fill; waits while every batch is in flight.
    func takeFree() -> Batch {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty { condition.wait() }
        return free.removeLast()
    }

    /// Hands a filled batch to the workers.
    func send(_ batch: Batch) {
        condition.lock()
        filled.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// The next filled batch, in the order sent; nil once the reader has closed the queue and
    /// every batch is taken, or at once when the reader abandoned the file.
    func takeFilled() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while filled.isEmpty, !closed { condition.wait() }
        guard !abandoned, !filled.isEmpty else { return nil }
        return filled.removeFirst()
    }

    /// Gives a batch back to the reader, cleared.
    func recycle(_ batch: Batch) {
        batch.clear()
        condition.lock()
        free.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// A worker found what ends the file (a malformed line): the reader may stop reading, since
    /// lines after it cannot change the outcome. Batches already sent are still profiled.
    func askToStop() {
        condition.lock()
        stopAsked = true
        condition.unlock()
    }

    var stopWasAsked: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopAsked
    }

    /// No more batches: workers finish the ones sent (or, when `abandon`, stop at once: the
    /// reader failed and their profiles will not be used).
    func close(abandon: Bool) {
        condition.lock()
        closed = true
        abandoned = abandon
        condition.broadcast()
        condition.unlock()
    }
}
