/// CSV records copied out of the reader's buffer (which the next record overwrites), on their
/// way from the reading thread to a profiling one: the cells' bytes end to end, where each cell
/// ends, and each record's number. A batch is touched by one thread at a time, handed over by
/// `BatchQueue`.
final class RecordBatch: ProfileBatch, @unchecked Sendable {
    // @unchecked Sendable: one thread at a time (see above).
    let columns: Int
    private(set) var bytes: [UInt8] = []
    /// The end of each cell in `bytes`, `columns` per record.
    private(set) var ends: [Int] = []
    private(set) var rows: [Int] = []

    init(columns: Int) {
        self.columns = columns
    }

    var count: Int { rows.count }
    var byteCount: Int { bytes.count }

    func append(row: Int, field: (Int) -> UnsafeRawBufferPointer) {
        rows.append(row)
        for column in 0..<columns {
            bytes.append(contentsOf: field(column))
            ends.append(bytes.count)
        }
    }

    func clear() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with each record's number and its cells.
    func forEach(_ body: (Int, (Int) -> UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { all in
            ends.withUnsafeBufferPointer { ends in
                for (record, row) in rows.enumerated() {
                    let first = record * columns
                    body(row) { column in
                        let end = ends[first + column]
                        let start = first + column == 0 ? 0 : ends[first + column - 1]
                        return UnsafeRawBufferPointer(rebasing: all[start..<end])
                    }
                }
            }
        }
    }
}
