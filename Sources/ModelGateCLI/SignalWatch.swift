import ChildProcess
import Dispatch
import Foundation
import ModelGate

/// SIGINT and SIGTERM stop the run: the gate in progress and its children are stopped, and the
/// run still writes its reports with verdict `error`. A second signal exits at once.
final class SignalWatch {
    private let sources: [any DispatchSourceSignal]

    init(control: RunControl) {
        var sources: [any DispatchSourceSignal] = []
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if control.interruption != nil {
                    ChildProcess.terminateAll()
                    exit(ExitCode.couldNotRun.rawValue)
                }
                control.interrupt(name)
                ChildProcess.terminateAll()
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
