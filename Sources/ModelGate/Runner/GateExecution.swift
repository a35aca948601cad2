import Dispatch
import Foundation
import Synchronization

/// Runs one gate under its timeout. The gate runs in a task of its own that is cancelled on
/// overrun or interruption. The runner then waits up to `stopWait` for the gate to stop (child
/// processes are killed through cancellation: SIGTERM, SIGKILL after their grace, and confirmed
/// gone), so that the report says they were stopped only when they were; a gate that ignores
/// cancellation is recorded as not stopped, and the run moves on.
///
/// The gate's work, the deadline and the interruption watch all run on Dispatch queues of their
/// own, not on Swift's cooperative pool: code doing long synchronous work holds a pool thread, and on
/// a 2-core CI runner the pool has two (see `GateExecutor`).
struct GateExecution {
    /// How a gate's work ended: `Result` is a `GateOutcome`, or a `ShardMeasurement` in a shard run.
    enum Ending<Result: Sendable>: Sendable {
        case finished(Result)
        case failed(String)
        /// `stopped`: the cancelled work ended within `stopWait`.
        case timedOut(Duration, stopped: Bool)
        case interrupted(String, stopped: Bool)
    }

    /// How long a cancelled gate may take to stop: a child process's SIGKILL grace (2 s by
    /// default), the search for its descendants, and a margin for a loaded machine.
    static let stopWait: Duration = .seconds(5)

    static func run(_ gate: any Gate, context: GateContext, timeout: Duration, control: RunControl) async -> Ending<GateOutcome> {
        await run(context: context, timeout: timeout, control: control) { try await gate.run($0) }
    }

    /// Runs `work` (a gate's run, shard measurement or merge) under the deadline and the interruption watch.
    static func run<Result: Sendable>(context: GateContext, timeout: Duration, control: RunControl,
                                      _ body: @escaping @Sendable (GateContext) async throws -> Result) async -> Ending<Result> {
        await withCheckedContinuation { (continuation: CheckedContinuation<Ending<Result>, Never>) in
            let first = FirstOf(continuation)
            // Why the work was cancelled, once it was: its ending is then reported as that reason.
            let stopReason = Mutex<(@Sendable (Bool) -> Ending<Result>)?>(nil)
            let work = Task(executorPreference: GateExecutor(label: "modelgate.gate.\(context.gateID)")) {
                let ending: Ending<Result>
                do {
                    ending = .finished(try await body(context))
                } catch let failure as GateFailure {
                    ending = .failed(failure.message)
                } catch is CancellationError {
                    ending = .failed("the gate was cancelled")
                } catch {
                    ending = .failed(String(describing: error))
                }
                first.resume(stopReason.withLock { $0 }?(true) ?? ending)
            }
            let queue = DispatchQueue(label: "modelgate.gate-deadline")
            let stop = { @Sendable (reason: @escaping @Sendable (Bool) -> Ending<Result>) in
                let isFirst = stopReason.withLock { current in
                    defer { if current == nil { current = reason } }
                    return current == nil
                }
                guard isFirst else { return }
                work.cancel()
                queue.asyncAfter(deadline: .now() + stopWait.timeInterval) { first.resume(reason(false)) }
            }
            let deadline = DispatchSource.makeTimerSource(queue: queue)
            deadline.schedule(deadline: .now() + timeout.timeInterval)
            deadline.setEventHandler {
                stop { .timedOut(timeout, stopped: $0) }
            }
            let watch = DispatchSource.makeTimerSource(queue: queue)
            watch.schedule(deadline: .now(), repeating: .milliseconds(50))
            watch.setEventHandler {
                if first.isResolved {
                    deadline.cancel()
                    watch.cancel()
                } else if let reason = control.interruption {
                    stop { .interrupted(reason, stopped: $0) }
                }
            }
            deadline.resume()
            watch.resume()
        }
    }
}

extension Duration {
    /// Seconds as Dispatch wants them.
    var timeInterval: DispatchTimeInterval {
        let nanoseconds = Double(components.seconds) * 1e9 + Double(components.attoseconds) / 1e9
        return .nanoseconds(Int(min(nanoseconds, Double(Int.max / 2))))
    }
}
