import Foundation
import PersonalData

/// Profiles records on worker threads while the caller reads the file: the caller adds records
/// (copied into batches), each worker profiles whole batches into a profile of its own, and
/// `finish` merges them. Merging gives exactly the single-thread profile (see
/// `FileProfile.merge`), so the number of workers changes the speed, never the result.
//
// Memory: `workers + 2` batches of at most `batchRows` records or about `batchBytes` bytes.
// The workers are always stopped and waited for, by `finish()` or else by `deinit` (an error or
// a cancellation while reading), so no thread outlives the profile.
final class ParallelTableProfile {
    static let batchBytes = 4 << 20

    private let queue: RecordBatchQueue
    private let results: WorkerProfiles
    private let group = DispatchGroup()
    private let batchRows: Int
    private var filling: RecordBatch?
    private var finished = false

    init(empty: FileProfile, profiler: TableRecordProfiler, workers: Int, batchRows: Int) {
        precondition(workers >= 1 && batchRows >= 1, "at least one worker and one record per batch")
        self.batchRows = batchRows
        queue = RecordBatchQueue(batches: workers + 2, columns: empty.columns.count)
        results = WorkerProfiles(count: workers, empty: empty)
        for worker in 0..<workers {
            let queue = self.queue, results = self.results, group = self.group
            group.enter()
            let thread = Thread {
                var profile = empty
                var matches: [PersonalDataMatch] = []
                while let batch = queue.takeFilled() {
                    batch.forEach { row, field in profiler.add(row: row, field: field, to: &profile, matches: &matches) }
                    queue.recycle(batch)
                }
                results.store(profile, at: worker)
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

    /// Queues record `row`, whose cell in column `i` is `field(i)` (the bytes are copied).
    func add(row: Int, field: (Int) -> UnsafeRawBufferPointer) {
        let batch = filling ?? queue.takeFree()
        batch.append(row: row, field: field)
        if batch.count >= batchRows || batch.byteCount >= Self.batchBytes {
            queue.send(batch)
            filling = nil
        } else {
            filling = batch
        }
    }

    /// Waits until every queued record is profiled, and returns the merged profile.
    func finish() -> FileProfile {
        if let filling, filling.count > 0 { queue.send(filling) }
        filling = nil
        finished = true
        queue.close(abandon: false)
        group.wait()
        return results.merged()
    }

    /// One profile per worker, written by that worker alone and read after it has left the group.
    private final class WorkerProfiles: @unchecked Sendable {
        // @unchecked Sendable: slot i is written once by worker i; `merged` runs after
        // `group.wait()`, which orders those writes before the read. Raw memory, not an array:
        // the workers write their slots at the same time.
        private let slots: UnsafeMutableBufferPointer<FileProfile>

        init(count: Int, empty: FileProfile) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: empty)
        }

        deinit {
            _ = slots.deinitialize()
            slots.deallocate()
        }

        func store(_ profile: FileProfile, at index: Int) {
            slots[index] = profile
        }

        func merged() -> FileProfile {
            var total = slots[0]
            for profile in slots.dropFirst() { total.merge(profile) }
            return total
        }
    }
}
