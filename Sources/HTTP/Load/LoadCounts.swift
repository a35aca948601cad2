/// What happened to the requests of one phase (warm-up or measured). Every started request ends
/// in exactly one of `responses`, a failure, or `abandoned`.
public struct LoadCounts: Sendable, Equatable {
    /// Requests whose start came (for the open model: whose due time came, sent or not).
    public internal(set) var started = 0
    /// Requests written in full to a socket: what the server should have received.
    public internal(set) var sent = 0
    /// Complete responses, whatever their status, wrong answers included.
    public internal(set) var responses = 0
    /// Responses with a 4xx status.
    public internal(set) var clientErrors = 0
    /// Responses with a 5xx status.
    public internal(set) var serverErrors = 0
    /// Responses the caller's callback rejected.
    public internal(set) var wrongAnswers = 0
    public internal(set) var connectFailures = 0
    public internal(set) var timeouts = 0
    public internal(set) var closedConnections = 0
    public internal(set) var invalidResponses = 0
    /// In flight when the run was stopped by the caller or cancelled: neither answered nor failed.
    public internal(set) var abandoned = 0

    public init() {}

    public var failures: Int { connectFailures + timeouts + closedConnections + invalidResponses }

    public func failures(_ kind: LoadFailure.Kind) -> Int {
        switch kind {
        case .connect: return connectFailures
        case .timeout: return timeouts
        case .closed: return closedConnections
        case .invalidResponse: return invalidResponses
        }
    }

    mutating func count(_ failure: LoadFailure) {
        switch failure.kind {
        case .connect: connectFailures += 1
        case .timeout: timeouts += 1
        case .closed: closedConnections += 1
        case .invalidResponse: invalidResponses += 1
        }
    }

    mutating func add(_ other: LoadCounts) {
        started += other.started
        sent += other.sent
        responses += other.responses
        clientErrors += other.clientErrors
        serverErrors += other.serverErrors
        wrongAnswers += other.wrongAnswers
        connectFailures += other.connectFailures
        timeouts += other.timeouts
        closedConnections += other.closedConnections
        invalidResponses += other.invalidResponses
        abandoned += other.abandoned
    }

    mutating func count(status: Int, wrongAnswer: Bool) {
        responses += 1
        if status >= 400 && status < 500 { clientErrors += 1 }
        if status >= 500 { serverErrors += 1 }
        if wrongAnswer { wrongAnswers += 1 }
    }
}
