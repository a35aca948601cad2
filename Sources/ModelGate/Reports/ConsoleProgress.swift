import Foundation
import Synchronization

/// A live line on a terminal's stderr for a gate that runs longer than a second: which gate, how
/// long so far. Only for a TTY: CI logs get the report, not a stream of carriage returns.
public final class ConsoleProgress: RunObserver, Sendable {
    private let state = Mutex<(gate: String, started: ContinuousClock.Instant, ticker: Task<Void, Never>?)?>(nil)

    public init() {}

    public func gateStarted(_ gate: GateConfig, index: Int, of count: Int) {
        let label = "[\(index + 1)/\(count)] \(VisibleText.escaped(gate.id)) (\(VisibleText.escaped(gate.type)))"
        let started = ContinuousClock.now
        let ticker = Task.detached { [weak self] in
            try? await Task.sleep(for: .seconds(1))
            while !Task.isCancelled {
                guard let self, self.isCurrent(label) else { return }
                let elapsed = Int((ContinuousClock.now - started).components.seconds)
                Self.write("\r\u{1B}[2K⏳ \(label) running, \(elapsed)s")
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        let previous = state.withLock { state -> Task<Void, Never>? in
            let previous = state?.ticker
            state = (label, started, ticker)
            return previous
        }
        previous?.cancel()
    }

    public func gateFinished(_ result: GateResult) {
        let ticker = state.withLock { state -> Task<Void, Never>? in
            defer { state = nil }
            return state?.ticker
        }
        ticker?.cancel()
        // Always cleared: the ticker may have drawn at 1.0 s for a gate the runner timed at 0.99 s.
        // (Only ever used on a terminal, where clearing an empty line shows nothing.)
        Self.write("\r\u{1B}[2K")
    }

    private func isCurrent(_ label: String) -> Bool { state.withLock { $0?.gate == label } }

    /// A plain write(2): FileHandle's `write(_:)` traps when the terminal has gone (EIO after a hang-up).
    private static func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Foundation.write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }  // a progress line is not worth failing over
            offset += count
        }
    }
}
