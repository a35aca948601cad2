/// What became of one request: handed to the caller's callback, on the load loop's thread, as
/// soon as the request completed or failed.
public struct LoadOutcome {
    /// The request's number in the run, from 0, warm-up included, in order of start.
    public let sequence: Int
    /// Which of the run's requests was sent: `sequence % requests.count`.
    public let requestIndex: Int
    public let isWarmup: Bool
    /// From the request's start (its intended start in the open model) to its last response
    /// byte read, or to the failure; monotonic clock.
    public let latencyNanoseconds: UInt64
    /// From the request's start to its first byte written; nil when nothing was written. In the
    /// open model this is how late the load generator was (waiting for a free connection or a
    /// connect); `latencyNanoseconds - sendLagNanoseconds` is what a client measuring from the
    /// send would report.
    public let sendLagNanoseconds: UInt64?
    public let result: Result

    public enum Result {
        case response(LoadResponse)
        case failure(LoadFailure)
    }

    /// The response, when there is one.
    public var response: LoadResponse? {
        if case .response(let response) = result { return response }
        return nil
    }

    public var failure: LoadFailure? {
        if case .failure(let failure) = result { return failure }
        return nil
    }
}
