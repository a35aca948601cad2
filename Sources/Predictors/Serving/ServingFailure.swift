import ModelGate

/// What is wrong with a request or response, with the row it concerns (counted from the first
/// row of the request) when it concerns one.
struct ServingFailure: Error, Sendable, Equatable {
    var row: Int?
    var message: String

    init(row: Int? = nil, _ message: String) {
        self.row = row
        self.message = message
    }

    init(_ failure: GateFailure, row: Int? = nil) {
        self.init(row: row, failure.message)
    }
}
