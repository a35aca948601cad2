import Synchronization

/// How one request ended.
enum RequestOutcome: Sendable {
    case success(latency: Duration)
    case failure(LoadErrorKind)
}

/// Counts one window's finished requests from the tasks that made them, and holds the window's
/// `abort_on_fail` judge. Warm-up requests are counted nowhere.
final class WindowRecorder: Sendable {
    private struct State {
        var tally = LoadTally()
        var earlyStop: EarlyStop?
        var lastFinish: ContinuousClock.Instant?
    }

    private let state: Mutex<State>

    init(earlyStop: EarlyStop?) {
        state = Mutex(State(earlyStop: earlyStop))
    }

    /// Whether the judge has said a threshold is lost: no more requests start.
    var stopped: Bool { state.withLock { $0.earlyStop?.exhausted ?? false } }

    func record(_ outcome: RequestOutcome, measured: Bool, finishedAt: ContinuousClock.Instant) {
        guard measured else { return }
        state.withLock { state in
            switch outcome {
            case .success(let latency):
                let nanoseconds = latency.wholeNanoseconds
                state.tally.recordSuccess(nanoseconds: nanoseconds)
                state.earlyStop?.observe(latencyNanoseconds: nanoseconds)
            case .failure(let kind):
                state.tally.recordFailure(kind)
                state.earlyStop?.observeFailure()
            }
            if state.lastFinish.map({ finishedAt > $0 }) ?? true { state.lastFinish = finishedAt }
        }
    }

    /// The window's tally, its length from `measureStart` to the last measured answer.
    func result(measureStart: ContinuousClock.Instant) -> WindowResult {
        state.withLock { state in
            var tally = state.tally
            let elapsed = state.lastFinish.map { $0 - measureStart } ?? .zero
            tally.finish(elapsedNanoseconds: elapsed.wholeNanoseconds)
            return WindowResult(tally: tally, stoppedEarly: state.earlyStop?.reason)
        }
    }
}

extension Duration {
    /// Whole nanoseconds, 0 for a negative duration (a clock never runs backwards, but a
    /// subtraction of instants taken on two threads may).
    var wholeNanoseconds: UInt64 {
        guard self > .zero else { return 0 }
        return UInt64(components.seconds) * 1_000_000_000 + UInt64(components.attoseconds / 1_000_000_000)
    }
}
