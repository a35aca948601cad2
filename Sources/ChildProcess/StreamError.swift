// Why talking to a long-lived child failed, in words that complete "the predictor ... ".

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ChildProcess {
    /// A write to or read from a `RunningChild` that could not complete. Every way a child can
    /// misbehave ends in one of these, never in a wait without end.
    public enum StreamError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What was still awaited when the deadline passed.
        public enum Awaited: Sendable, Equatable {
            /// The child did not take its input: it does not read stdin, or not fast enough.
            case inputTaken
            /// Everything was written, and the child did not print the line awaited.
            case line
        }

        case timedOut(Awaited)
        /// Its stdout ended before a whole line: it closed it or exited. The termination is known
        /// when it exited; nil when it closed stdout but still runs.
        case outputEnded(Outcome.Termination?)
        /// It closed its stdin or exited while input was still to be written.
        case inputClosed(Outcome.Termination?)
        /// It printed a line longer than the limit (without a newline within `limit` bytes).
        case lineTooLong(limit: Int)
        /// `stop()` or `requestStop()` ended it (a cancelled task, modelgate shutting down).
        case stopped
        /// Its time limit (`ChildProcess.timeout`, counted from its start) ran out, and it was stopped.
        case lifetimeEnded(Duration)
        /// A system call on its pipes failed.
        case systemCall(String, code: Int32)

        public var description: String {
            switch self {
            case .timedOut(.inputTaken): "did not read its input in time"
            case .timedOut(.line): "did not answer in time"
            case .outputEnded(nil): "closed its output"
            case .outputEnded(let termination?): "\(termination) before answering"
            case .inputClosed(nil): "closed its input"
            case .inputClosed(let termination?): "\(termination) before reading all its input"
            case .lineTooLong(let limit): "printed a line longer than \(limit) bytes"
            case .stopped: "was stopped"
            case .lifetimeEnded(let limit): "ran out of its time limit of \(limit) and was stopped"
            case .systemCall(let name, let code): "could not be reached: \(name) failed: \(String(cString: strerror(code)))"
            }
        }
    }
}
