import Dispatch
import Foundation

/// Runs one gate under its timeout. The gate runs in a task of its own that is cancelled on
/// overrun or interruption; the runner does not wait for a gate that ignores cancellation, it
/// records the error and moves on (child processes are killed through cancellation).
///
/// The gate's work, the deadline and the interruption watch all run on Dispatch queues of their
/// own, not on Swift's cooperative pool: code doing long synchronous work holds a pool thread, and on
/// a 2-core CI runner the pool has two (see `GateExecutor`).
struct GateExecution {
    /// How a gate's work ended: `Result` is a `GateOutcome`, or a `ShardMeasurement` in a shard run.
    enum Ending<Result: Sendable>: Sendable {
        case finished(Result)
        case failed(String)
        case timedOut(Duration)
        case interrupted(String)
    }

    static func run(_ gate: any Gate, context: GateContext, timeout: Duration, control: RunControl) async -> Ending<GateOutcome> {
        await run(context: context, timeout: timeout, control: control) { try await gate.run($0) }
    }

    /// Runs `work` (a gate's run, shard measurement or merge) under the deadline and the interruption watch.
    static func run<Result: Sendable>(context: GateContext, timeout: Duration, control: RunControl,
                                      _ body: @escaping @Sendable (GateContext) async throws -> Result) async -> Ending<Result> {
        await withCheckedContinuation { (continuation: CheckedContinuation<Ending<Result>, Never>) in
            let first = FirstOf(continuation)
            let work = Task(executorPreference: GateExecutor(label: "modelgate.gate.\(context.gateID)")) {
                do {
                    let outcome = try await body(context)
                    first.resume(.finished(outcome))
                } catch let failure as GateFailure {
                    first.resume(.failed(failure.message))
                } catch is CancellationError {
                    first.resume(.failed("the gate was cancelled"))
                } catch {
                    first.resume(.failed(String(describing: error)))
                }
            }
            let queue = DispatchQueue(label: "modelgate.gate-deadline")
            let deadline = DispatchSource.makeTimerSource(queue: queue)
            deadline.schedule(deadline: .now() + timeout.timeInterval)
            deadline.setEventHandler {
                first.resume(.timedOut(timeout))
                work.cancel()
            }
            let watch = DispatchSource.makeTimerSource(queue: queue)
            watch.schedule(deadline: .now(), repeating: .milliseconds(50))
            watch.setEventHandler {
                if first.isResolved {
                    deadline.cancel()
                    watch.cancel()
                } else if let reason = control.interruption {
                    first.resume(.interrupted(reason))
                    work.cancel()
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
