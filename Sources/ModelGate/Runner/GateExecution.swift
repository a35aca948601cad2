import Foundation

/// Runs one gate under its timeout. The gate runs in a task of its own that is cancelled on
/// overrun or interruption; the runner does not wait for a gate that ignores cancellation, it
/// records the error and moves on (child processes are killed through cancellation).
struct GateExecution {
    enum Ending: Sendable {
        case finished(GateOutcome)
        case failed(String)
        case timedOut(Duration)
        case interrupted(String)
    }

    static func run(_ gate: any Gate, context: GateContext, timeout: Duration, control: RunControl) async -> Ending {
        await withCheckedContinuation { (continuation: CheckedContinuation<Ending, Never>) in
            let first = FirstOf(continuation)
            let work = Task {
                do {
                    let outcome = try await gate.run(context)
                    first.resume(.finished(outcome))
                } catch let failure as GateFailure {
                    first.resume(.failed(failure.message))
                } catch is CancellationError {
                    first.resume(.failed("the gate was cancelled"))
                } catch {
                    first.resume(.failed(String(describing: error)))
                }
            }
            let timer = Task {
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled {
                    first.resume(.timedOut(timeout))
                    work.cancel()
                }
            }
            // Interruption cancels this watcher; it reports why and stops the gate.
            let watcher = Task {
                while !Task.isCancelled && !first.isResolved {
                    if let reason = control.interruption {
                        first.resume(.interrupted(reason))
                        work.cancel()
                        return
                    }
                    try? await Task.sleep(for: .milliseconds(50))
                }
            }
            Task {
                _ = await work.value
                timer.cancel()
                watcher.cancel()
            }
        }
    }
}
