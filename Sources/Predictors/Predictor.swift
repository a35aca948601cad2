/// How a gate gets predictions from the candidate model, whatever serves it: a program reading
/// JSON lines (`command`), a served endpoint (`http`, planned) or the artifact itself (`onnx`,
/// planned). Gates ask for a session, send batches of requests and get one answer per request.
public protocol Predictor: Sendable {
    /// What reports and errors call it: the program or the URL.
    var name: String { get }
    /// The data fields (CSV columns, JSON Lines paths) each request carries, by name.
    var inputs: [String] { get }
    /// How many requests one call should carry (the user's `batch_size`).
    var batchSize: Int { get }
    /// Starts what several calls share (a long-lived process, a connection). The caller closes it.
    func openSession() async throws -> any PredictorSession
}

/// Calls to one predictor, over whatever it keeps open between them.
public protocol PredictorSession: Sendable {
    /// One answer per request, in the requests' order; a predictor that answers more or fewer,
    /// or cannot answer, throws: a gate never guesses a missing prediction.
    func predict(_ requests: PredictionRequests) async throws -> [PredictionAnswer]
    /// Ends what the session started; safe to call once the session failed.
    func close() async
}
