import Foundation
import ModelGate

/// Reads a file in one pass in chunks of whole lines (see `LineSplitter`) and profiles the
/// lines on every core: only regular files, lines up to a cap (a longer one is a failure naming
/// the line), cancellation checked between chunks. With one worker the reading thread profiles
/// the chunks itself; with more, each chunk goes to a free worker (`ParallelProfile`). Either way
/// every line is profiled once with its number, and the workers' states are returned for the
/// profiler to merge.
struct LineFile {
    static let defaultChunkBytes = 1 << 20
    static let defaultMaximumLineBytes = 16 << 20

    var workers = TableProfiler.coreCount
    var chunkBytes = LineFile.defaultChunkBytes
    var maximumLineBytes = LineFile.defaultMaximumLineBytes

    /// The outcome of a read: the workers' states, the earliest failure (of the workers' and the
    /// reader's), and the bytes read.
    struct Outcome<State: Sendable> {
        var states: [State]
        var failure: LineFailure?
        var bytes: Int
    }

    func profile<Work: LineWork>(path: String, name: String, work: Work) throws -> Outcome<Work.Worker> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw GateFailure("cannot open '\(name)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw GateFailure("'\(name)' is not a regular file")
        }
        return try profile(name: name, work: work) { buffer in
            while true {
                let count = read(descriptor, buffer.baseAddress, buffer.count)
                if count >= 0 { return count }
                if errno != EINTR { throw GateFailure("cannot read '\(name)': \(String(cString: strerror(errno)))") }
            }
        }
    }

    /// Profiles the bytes `read` gives (it fills a buffer and returns how many bytes, 0 at the end).
    func profile<Work: LineWork>(name: String, work: Work, read: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> Outcome<Work.Worker> {
        var splitter = LineSplitter(maximumLineBytes: maximumLineBytes, chunkBytes: chunkBytes)
        let maximum = maximumLineBytes
        let tooLong = { @Sendable (line: Int) in LineFailure(line: line, leaf: -1, message: "\(name) line \(line) is longer than \(maximum) bytes") }
        @Sendable func profileChunk(_ chunk: LineChunk, _ worker: inout LineWorker<Work.Worker>) -> Bool {
            guard worker.failure == nil else { return false }
            do {
                try work.add(chunk: chunk, maximumLineBytes: maximum, to: &worker.state)
            } catch let failure as LineFailure {
                worker.failure = failure
            } catch let error as LineSplitter.LineTooLong {
                worker.failure = tooLong(error.line)
            } catch {
                worker.failure = LineFailure(line: chunk.firstLine, leaf: -1, message: "\(name): \(error)")
            }
            return worker.failure == nil
        }
        var readerFailure: LineFailure?
        if workers <= 1 {
            var worker = LineWorker(state: work.makeWorker(), failure: nil)
            let chunk = LineChunk()
            do {
                while worker.failure == nil {
                    try Task.checkCancellation()
                    guard try splitter.fill(chunk, read: read) else { break }
                    _ = profileChunk(chunk, &worker)
                }
            } catch let error as LineSplitter.LineTooLong {
                readerFailure = tooLong(error.line)
            }
            return Outcome(states: [worker.state], failure: [worker.failure, readerFailure].compactMap { $0 }.min(), bytes: splitter.bytesRead)
        }
        let parallel = ParallelProfile(batches: (0..<workers + 2).map { _ in LineChunk() },
                                       workers: Array(repeating: LineWorker(state: work.makeWorker(), failure: nil), count: workers),
                                       work: profileChunk)
        do {
            while !parallel.stopWasAsked {
                try Task.checkCancellation()
                let chunk = parallel.takeFree()
                guard try splitter.fill(chunk, read: read) else {
                    parallel.giveBack(chunk)
                    break
                }
                parallel.send(chunk)
            }
        } catch let error as LineSplitter.LineTooLong {
            readerFailure = tooLong(error.line)
        }
        let finished = parallel.finish()
        let failure = (finished.compactMap(\.failure) + [readerFailure].compactMap { $0 }).min()
        return Outcome(states: finished.map(\.state), failure: failure, bytes: splitter.bytesRead)
    }
}
