import HTTP
import ModelGate

/// The candidate's `http` predictor: a served model reached over HTTP/1.1 in one of the serving
/// protocols (`ServingProtocols`). A session keeps one connection open (the socket client for
/// `http://`, URLSession for `https://`) and sends a request per batch, or per row where the
/// protocol has no batch form. Every answer is checked like a `command` predictor's: one per
/// row, readable, finite, or the gate cannot run.
///
/// This predictor sends what the accuracy gate needs, to whatever host the user names; load
/// and probe traffic (many requests, timing) is the latency gate's business, not this type's.
/// Header values are sent and never printed; those from `${NAME}` are masked by the redactor too.
public struct HTTPPredictor: Predictor {
    public let config: PredictorConfig
    public let http: HTTPPredictorConfig
    public let log: GateLog
    let serving: any ServingProtocol
    let makeTransport: @Sendable () -> any HTTPTransport
    /// Where a `start:` server runs (the pipeline's folder), and for how long at most (the gate's time).
    public var workingDirectory = "."
    public var serverLifetime = Duration.seconds(3600)

    /// `config` must be an `http` predictor's (its `http` options set by the pipeline reader).
    public init(config: PredictorConfig, log: GateLog) throws(GateFailure) {
        guard let http = config.http else { throw GateFailure("predictor type '\(config.type)' has no http options") }
        let serving = ServingProtocols.make(http, inputs: config.inputs)
        self.init(config: config, http: http, log: log, transport: { HTTPPredictor.transport(for: http, adding: serving.protocolHeaders) })
    }

    /// With a transport of the caller's (tests use one that records what is sent).
    init(config: PredictorConfig, http: HTTPPredictorConfig, log: GateLog, transport: @escaping @Sendable () -> any HTTPTransport) {
        self.config = config
        self.http = http
        self.log = log
        self.serving = ServingProtocols.make(http, inputs: config.inputs)
        self.makeTransport = transport
    }

    /// The URL without anything secret (user information is refused when the pipeline is read).
    public var name: String { http.url.description }
    public var inputs: [String] { config.inputs }
    public var batchSize: Int { config.batchSize }

    /// The socket client for `http://`, URLSession for `https://`, sending the user's headers and
    /// those of `adding` whose names the user did not set.
    public static func transport(for http: HTTPPredictorConfig, adding extra: [(name: String, value: String)] = []) -> any HTTPTransport {
        let limits = HTTPClientLimits(connectTimeout: http.connectTimeout, readTimeout: http.timeout)
        let headers = requestHeaders(http, adding: extra)
        switch http.url.scheme {
        case .http: return SocketTransport(endpoint: http.url, headers: headers, limits: limits)
        case .https: return URLSessionTransport(endpoint: http.url, headers: headers, limits: limits)
        }
    }

    /// The user's headers, then those of `extra` whose names the user did not set.
    static func requestHeaders(_ http: HTTPPredictorConfig, adding extra: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var headers = http.headers.map { (name: $0.name, value: $0.value) }
        let given = Set(headers.map { $0.name.lowercased() })
        headers += extra.filter { !given.contains($0.name.lowercased()) }
        return headers
    }

    /// The protocol's readiness GET (nil for `json`, which has none): the latency gate's managed
    /// server waits on it.
    public static func readiness(for http: HTTPPredictorConfig, inputs: [String]) -> ReadinessCheck? {
        ServingProtocols.make(http, inputs: inputs).readiness
    }

    /// A session over one transport; with `start:`, the session's own server, started (and ready)
    /// first and stopped when the session closes.
    public func openSession() async throws -> any PredictorSession {
        let server = try await ManagedServer.startIfConfigured(http, inputs: config.inputs, workingDirectory: workingDirectory,
                                                               lifetime: serverLifetime, log: log)
        return HTTPPredictorSession(predictor: self, transport: makeTransport(), server: server)
    }
}
