/// What stops a line-by-line profile, with where it happened, so that of the failures found by
/// several threads the one a single thread would have met first is reported: the earliest line,
/// and within a line the earliest leaf (`leaf` -1: the line as a whole, before any of its values).
struct LineFailure: Error, Sendable, Comparable {
    var line: Int
    var leaf: Int
    var message: String

    static func < (lhs: LineFailure, rhs: LineFailure) -> Bool {
        (lhs.line, lhs.leaf) < (rhs.line, rhs.leaf)
    }

    static func == (lhs: LineFailure, rhs: LineFailure) -> Bool {
        (lhs.line, lhs.leaf) == (rhs.line, rhs.leaf)
    }
}
