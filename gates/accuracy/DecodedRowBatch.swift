/// Decoded rows on their way from the scan's thread to the accumulating one (see
/// `AccumulationPipeline`). Large batches: with small ones the threads wake
/// each other so often that the scheduler keeps them on one core, taking turns. Raw memory
/// allocated once, not arrays: an array append checks uniqueness and capacity on every row,
/// which measured a few per cent of the scan. Not nested in the generic pipeline:
/// a nested class would be generic too, and look its metadata up on every row.
final class DecodedRowBatch {
    static var capacity: Int { 16384 }

    private let capacity: Int
    /// Per-class scores in each row, or 0.
    private let scoreWidth: Int
    // (`@exclusivity(unchecked)`: a batch is touched by one thread at a time, handed over
    // by the pipeline's semaphores; checking costs per row.)
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) var isLast = false
    private let rows: UnsafeMutablePointer<DecodedRow>
    /// Slice ids, -1 for a row in no slice.
    private let slices: UnsafeMutablePointer<Int>
    private let rowIndices: UnsafeMutablePointer<Int>
    /// Per-class scores, `scoreWidth` per row (a row's `scores` pointer is dropped).
    private let scores: UnsafeMutablePointer<Double>

    init(capacity: Int, scoreWidth: Int) {
        self.capacity = capacity
        self.scoreWidth = scoreWidth
        rows = .allocate(capacity: capacity)
        slices = .allocate(capacity: capacity)
        rowIndices = .allocate(capacity: capacity)
        scores = .allocate(capacity: capacity * scoreWidth)
    }

    deinit {
        // DecodedRow, Int and Double are trivial types: nothing to deinitialise.
        rows.deallocate()
        slices.deallocate()
        rowIndices.deallocate()
        scores.deallocate()
    }

    @inline(__always)
    func append(_ row: DecodedRow, slice: Int?, rowIndex: Int) {
        precondition(count < capacity, "a full batch is sent before the next row")
        var row = row
        if scoreWidth > 0 {
            precondition(row.scores?.count == scoreWidth, "every row has scoreWidth scores")
            (scores + count * scoreWidth).update(from: row.scores!.baseAddress!, count: scoreWidth)
            row.scores = nil
        }
        (rows + count).initialize(to: row)
        slices[count] = slice ?? -1
        rowIndices[count] = rowIndex
        count += 1
    }

    func clear() {
        count = 0
        isLast = false
    }

    /// Adds the rows in order, each with its scores.
    func add<Evaluator: TaskEvaluator>(to accumulation: inout Accumulation<Evaluator>) {
        for index in 0..<count {
            var row = rows[index]
            if scoreWidth > 0 {
                row.scores = UnsafeBufferPointer(start: scores + index * scoreWidth, count: scoreWidth)
            }
            let slice = slices[index]
            accumulation.add(row, slice: slice < 0 ? nil : slice, rowIndex: rowIndices[index])
        }
    }
}
