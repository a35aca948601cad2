import PersonalData

/// Profiles CSV records on worker threads while the caller reads the file: the caller adds
/// records (copied into batches), each worker profiles whole batches into a profile of its own,
/// and `finish` merges them. Merging gives exactly the single-thread profile (see
/// `FileProfile.merge`).
//
// Memory: `workers + 2` batches of at most `batchRows` records or about `batchBytes` bytes.
final class ParallelTableProfile {
    static let batchBytes = 4 << 20

    private let workers: ParallelProfile<RecordBatch, TableWorker>
    private let batchRows: Int
    private var filling: RecordBatch?

    init(empty: FileProfile, profiler: TableRecordProfiler, workers count: Int, batchRows: Int) {
        precondition(count >= 1 && batchRows >= 1, "at least one worker and one record per batch")
        self.batchRows = batchRows
        let columns = empty.columns.count
        workers = ParallelProfile(batches: (0..<count + 2).map { _ in RecordBatch(columns: columns) },
                                  workers: Array(repeating: TableWorker(profile: empty), count: count)) { batch, worker in
            batch.forEach { row, field in profiler.add(row: row, field: field, to: &worker.profile, matches: &worker.matches) }
            return true
        }
    }

    /// Queues record `row`, whose cell in column `i` is `field(i)` (the bytes are copied).
    func add(row: Int, field: (Int) -> UnsafeRawBufferPointer) {
        let batch = filling ?? workers.takeFree()
        batch.append(row: row, field: field)
        if batch.count >= batchRows || batch.byteCount >= Self.batchBytes {
            workers.send(batch)
            filling = nil
        } else {
            filling = batch
        }
    }

    /// Waits until every queued record is profiled, and returns the merged profile.
    func finish() -> FileProfile {
        if let filling {
            if filling.count > 0 { workers.send(filling) } else { workers.giveBack(filling) }
        }
        filling = nil
        let states = workers.finish()
        var total = states[0].profile
        for state in states.dropFirst() { total.merge(state.profile) }
        return total
    }

    /// What one worker keeps: its profile and a reused list of matches.
    private struct TableWorker: Sendable {
        var profile: FileProfile
        var matches: [PersonalDataMatch] = []
    }
}
