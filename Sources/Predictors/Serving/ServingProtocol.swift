import HTTP
import ModelGate

/// How one serving protocol turns rows into request bodies and response bodies into answers,
/// one `PredictionAnswer` per row, the same answers the `command` predictor gives, so a gate
/// reads either alike. Each protocol's file cites the specification it follows.
protocol ServingProtocol: Sendable {
    /// True when each request carries one row (the protocol has no batch form).
    var oneRowPerRequest: Bool { get }
    /// The inference path, appended to the URL's own path.
    var inferencePath: String { get }
    var contentType: String { get }
    /// Headers the protocol adds (an `Accept`), unless the user set the same name.
    var protocolHeaders: [(name: String, value: String)] { get }
    /// The GET that says the server is ready, and how to read its answer; nil when the
    /// protocol has none (the latency gate's `ready:` must name one).
    var readiness: ReadinessCheck? { get }
    /// Appends the body of one request carrying `rows` of `requests`.
    func encode(_ requests: PredictionRequests, rows: Range<Int>, into body: inout [UInt8]) throws(ServingFailure)
    /// Reads exactly `count` answers from a successful response's body.
    func decode(_ body: [UInt8], count: Int) throws(ServingFailure) -> [PredictionAnswer]
}

extension ServingProtocol {
    var protocolHeaders: [(name: String, value: String)] { [] }
}
