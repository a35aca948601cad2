/// An answer that could not be read, with the index of its request in the batch, so the gate
/// can name the data row it belongs to.
public struct PredictionFailure: Error, Sendable {
    public var request: Int
    public var message: String
}
