import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// `transform` of 0..<count on every core, results in index order: the same results as a loop,
/// whatever the number of threads, as long as each index is computed on its own.
enum ParallelMap {
    static func map<Result: Sendable>(count: Int, _ transform: @Sendable (Int) throws -> Result) throws -> [Result] {
        let workers = min(count, max(1, coreCount))
        guard workers > 1 else { return try (0..<count).map(transform) }
        let results = Slots<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Interleaved, so that each worker gets a like share of a run of similar items; the
            // first error stops this worker, and is rethrown below in index order.
            for index in stride(from: worker, to: count, by: workers) {
                do {
                    results.store(.success(try transform(index)), at: index)
                } catch {
                    results.store(.failure(error), at: index)
                    return
                }
            }
        }
        return try results.collect()
    }

    /// Cores this process may run on.
    static var coreCount: Int {
        #if canImport(Glibc)
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        1
        #endif
    }

    /// One write-once slot per index; each index is written by one worker only, and read after
    /// `concurrentPerform` returns, which orders the writes before the reads.
    private final class Slots<Result: Sendable>: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<Swift.Result<Result, any Error>?>

        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }

        deinit {
            _ = slots.deinitialize()
            slots.deallocate()
        }

        func store(_ result: Swift.Result<Result, any Error>, at index: Int) {
            slots[index] = result
        }

        /// The results in order; the first failure, in index order, is thrown.
        func collect() throws -> [Result] {
            var collected: [Result] = []
            collected.reserveCapacity(slots.count)
            for slot in slots {
                switch slot {
                case .success(let value)?: collected.append(value)
                case .failure(let error)?: throw error
                case nil: preconditionFailure("a worker stopped early without an error before this index")
                }
            }
            return collected
        }
    }
}
