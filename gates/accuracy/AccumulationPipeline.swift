import Dispatch
import Foundation

/// An `Accumulation` fed on a second thread: the scan's thread reads and decodes rows into
/// batches, a worker thread adds them to the accumulators. Reading (CSV, numbers, labels) and
/// accumulating (logarithms, exact sums, score rankings) take about as long as each other, so
/// on two cores the scan takes about half the time.
//
// The results are those of adding the rows on the scan's thread: one worker adds every row, in
// file order. Memory: four batches of decoded rows (6 MB), freed when the scan ends. The worker is always
// stopped and waited for, by `finish()` or else by `deinit` when the scan stops early (an
// error, a cancellation), so no thread outlives the scan.
final class AccumulationPipeline<Evaluator: TaskEvaluator> {
    private let shared: Shared
    private let scoreWidth: Int
    /// The batch being filled; owned by the scan's thread. (`@exclusivity(unchecked)`: touched
    /// by one thread, never across a call that could touch it again; checking costs per row.)
    @exclusivity(unchecked) private var filling: DecodedRowBatch
    private var finished = false

    /// `scoreWidth`: per-class scores in each row (every row then has them), or 0.
    init(_ accumulation: Accumulation<Evaluator>, scoreWidth: Int) {
        self.scoreWidth = scoreWidth
        shared = Shared(accumulation, scoreWidth: scoreWidth)
        filling = DecodedRowBatch(capacity: DecodedRowBatch.capacity, scoreWidth: scoreWidth)
        let shared = self.shared
        let thread = Thread { shared.work() }
        thread.name = "modelgate accumulation"
        thread.start()
    }

    deinit {
        if !finished { _ = shared.stop(sending: &filling) }
    }

    /// Queues a decoded row (its `scores`, if any, are copied).
    @inline(__always)
    func add(_ row: DecodedRow, slice: Int?, rowIndex: Int) {
        filling.append(row, slice: slice, rowIndex: rowIndex)
        if filling.count == DecodedRowBatch.capacity { shared.send(&filling) }
    }

    /// Waits until every queued row has been added, and returns the accumulators.
    func finish() -> Accumulation<Evaluator> {
        finished = true
        let accumulation = shared.stop(sending: &filling)
        filling = DecodedRowBatch(capacity: 0, scoreWidth: 0)  // the memory goes back before the bootstrap needs it
        return accumulation
    }

    /// What both threads use: a ring of batch slots, handed back and forth by two semaphores.
    private final class Shared: @unchecked Sendable {
        // @unchecked Sendable: a slot is touched only by the thread that took it from the
        // semaphores (`free`: the scan's thread, `filled`: the worker), which order the
        // accesses; `accumulation` belongs to the worker until it signals `done`.
        private static var slotCount: Int { 3 }
        /// Raw memory, not an array: the two threads write different slots at once, and an
        /// array's copy-on-write check would race.
        private let slots: UnsafeMutablePointer<DecodedRowBatch>
        private var nextSlot = 0
        private var accumulation: Accumulation<Evaluator>?
        private let free = DispatchSemaphore(value: 0)
        private let filled = DispatchSemaphore(value: 0)
        private let done = DispatchSemaphore(value: 0)

        init(_ accumulation: Accumulation<Evaluator>, scoreWidth: Int) {
            self.accumulation = accumulation
            slots = .allocate(capacity: Self.slotCount)
            for slot in 0..<Self.slotCount {
                (slots + slot).initialize(to: DecodedRowBatch(capacity: DecodedRowBatch.capacity, scoreWidth: scoreWidth))
            }
            for _ in 0..<Self.slotCount { free.signal() }
        }

        deinit {
            slots.deinitialize(count: Self.slotCount)
            slots.deallocate()
        }

        /// Hands a full batch to the worker, and leaves an empty one in its place.
        func send(_ batch: inout DecodedRowBatch) {
            free.wait()
            swap(&slots[nextSlot], &batch)
            nextSlot = (nextSlot + 1) % Self.slotCount
            filled.signal()
        }

        /// Sends the last batch and waits for the worker to add it and end.
        func stop(sending batch: inout DecodedRowBatch) -> Accumulation<Evaluator> {
            batch.isLast = true
            send(&batch)
            done.wait()
            return accumulation!
        }

        /// The worker's loop: add each batch as it comes, until the last one.
        func work() {
            // Moved out for the run: a local is not checked for exclusive access on every row.
            var accumulation = self.accumulation.take()!
            var slot = 0
            var isLast = false
            while !isLast {
                filled.wait()
                isLast = slots[slot].isLast
                slots[slot].add(to: &accumulation)
                slots[slot].clear()
                if isLast {
                    for index in 0..<Self.slotCount { slots[index] = DecodedRowBatch(capacity: 0, scoreWidth: 0) }
                }
                slot = (slot + 1) % Self.slotCount
                free.signal()
            }
            self.accumulation = accumulation
            done.signal()
        }
    }
}
