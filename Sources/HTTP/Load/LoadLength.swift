/// How long a phase of a run lasts: a number of requests, a duration, or both, whichever ends
/// first. Requests count by start: the phase of a request is decided when it starts (for the
/// open model, when it was due).
public struct LoadLength: Sendable, Equatable {
    public var requests: Int?
    public var duration: Duration?

    public init(requests: Int? = nil, duration: Duration? = nil) {
        self.requests = requests
        self.duration = duration
    }

    /// No warm-up.
    public static let none = LoadLength()

    var isNone: Bool { requests == nil && duration == nil }
}
