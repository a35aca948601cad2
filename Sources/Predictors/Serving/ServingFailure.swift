import ModelGate

/// What is wrong with a request or response, with the row it concerns (counted from the first
/// row of the request) when it concerns one.
struct ServingFailure: Error, Sendable, Equatable {
    var row: Int?
    var message: String
    /// The response was readable but held more or fewer answers than rows sent (the latency
    /// gate counts these as `wrong_answer_count`, apart from unreadable answers).
    var countMismatch = false

    init(row: Int? = nil, _ message: String, countMismatch: Bool = false) {
        self.row = row
        self.message = message
        self.countMismatch = countMismatch
    }

    init(_ failure: GateFailure, row: Int? = nil) {
        self.init(row: row, failure.message)
    }
}
