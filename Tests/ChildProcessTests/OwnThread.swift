// Blocking calls in tests run on a thread of their own: on Swift's cooperative pool (two threads on
// a 2-core CI machine) they would hold a thread other suites need, and a time measured across an
// `await` would include however long the busy pool made the test wait.
import ChildProcess
import Foundation

/// Runs `body` on a new thread; returns how it went and how long it took, measured on that thread.
func onOwnThread<Value: Sendable>(_ body: @escaping @Sendable () throws(ChildProcess.StreamError) -> Value) async
    -> (result: Result<Value, ChildProcess.StreamError>, took: Duration) {
    await withCheckedContinuation { continuation in
        Thread {
            let start = ContinuousClock.now
            let result = Result { () throws(ChildProcess.StreamError) -> Value in try body() }
            continuation.resume(returning: (result, ContinuousClock.now - start))
        }.start()
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
