import ChildProcess
import Dispatch
import Foundation
import ModelGate
import Synchronization

/// SIGINT, SIGTERM and SIGHUP (a CI runner's or a closed terminal's way to stop) stop the run:
/// the gate in progress and its children are stopped, and the run still writes its reports with
/// verdict `error`. Watched from the moment a run starts, so a signal while artifacts are hashed
/// is handled like one while a gate runs.
///
/// A second signal does not exit at once (a SIGINT then a SIGTERM 40 ms later would lose the
/// reports being written): it gives the run `secondSignalGrace` to finish writing, then exits 3.
/// By then every report file already reads `error` (the placeholders written at the start).
final class SignalWatch {
    static let secondSignalGrace: DispatchTimeInterval = .seconds(3)
    static let watched: [(number: Int32, name: String)] = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")]

    /// One process, one run: the grace exit is scheduled once, whichever signal comes second.
    private static let exitScheduled = Atomic<Bool>(false)
    private let sources: [any DispatchSourceSignal]

    init(control: RunControl) {
        // Blocked first, then ignored: a signal that arrives before its source is listening stays
        // pending (Linux never discards a blocked signal) instead of being dropped as ignored.
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for (number, _) in Self.watched { sigaddset(&blocked, number) }
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        var sources: [any DispatchSourceSignal] = []
        for (number, name) in Self.watched {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let first = control.interruption == nil
                control.interrupt(name)
                ChildProcess.terminateAll()
                if !first && !Self.exitScheduled.exchange(true, ordering: .relaxed) {
                    DispatchQueue.global().asyncAfter(deadline: .now() + Self.secondSignalGrace) {
                        exit(ExitCode.couldNotRun.rawValue)
                    }
                }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func stop() {
        for source in sources { source.cancel() }
    }
}
