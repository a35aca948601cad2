/// What a line-by-line profiler does with each line, on whichever thread profiles it: each
/// thread keeps a `Worker` of its own, and the profiler merges them afterwards.
protocol LineWork: Sendable {
    associatedtype Worker: Sendable
    func makeWorker() -> Worker
    /// Profiles line `number`; a failure stops the file (the earliest one is reported).
    func add(_ line: UnsafeRawBufferPointer, number: Int, to worker: inout Worker) throws(LineFailure)
    /// Profiles a chunk of whole lines; throws a `LineFailure` or `LineSplitter.LineTooLong`.
    /// By default line by line; a profiler may take the chunk whole when that gives the same result.
    func add(chunk: LineChunk, maximumLineBytes: Int, to worker: inout Worker) throws
}

extension LineWork {
    func add(chunk: LineChunk, maximumLineBytes: Int, to worker: inout Worker) throws {
        try chunk.forEachLine(maximumLineBytes: maximumLineBytes) { line, number in try add(line, number: number, to: &worker) }
    }
}

/// A worker's state and the failure that stopped it, if any.
struct LineWorker<State: Sendable>: Sendable {
    var state: State
    var failure: LineFailure?
}
