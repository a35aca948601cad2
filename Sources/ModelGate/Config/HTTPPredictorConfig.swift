import HTTP

/// The `http` predictor's options, checked when the pipeline is read: where the model is served,
/// which serving protocol it speaks, and how rows become requests and answers come back.
public struct HTTPPredictorConfig: Sendable {
    /// The serving protocols a predictor can speak (README: the http predictor).
    public enum ServingProtocol: String, Sendable, CaseIterable {
        case kserveV2 = "kserve-v2"
        case tfserving
        case mlflow
        case sagemaker
        case torchserve
        case json

        /// Whether the URL of the protocol's paths names a model (`/v1/models/{name}:predict`).
        public var needsModel: Bool { self == .kserveV2 || self == .tfserving || self == .torchserve }
    }

    /// How a row is written where a protocol takes one value per row: an object of the inputs by
    /// name, or an array of their values in `inputs` order.
    public enum RowFormat: String, Sendable, CaseIterable {
        case object, array
    }

    /// The KServe v2 datatypes an input tensor may be sent as.
    public enum TensorDatatype: String, Sendable, CaseIterable {
        case fp64 = "FP64", fp32 = "FP32", int64 = "INT64", int32 = "INT32", bytes = "BYTES"
    }

    public struct Header: Sendable {
        public var name: String
        /// Never printed: it may hold a token.
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var url: HTTPEndpoint
    public var serving: ServingProtocol
    public var model: String?
    public var headers: [Header]
    /// The longest wait for one response, from sending the request to its last byte.
    public var timeout: Duration
    public var connectTimeout: Duration
    /// kserve-v2: the input tensor's name and datatype.
    public var tensor: String
    public var datatype: TensorDatatype
    /// kserve-v2: the output tensor read; others: the key read from object predictions.
    public var output: String?
    /// tfserving and torchserve.
    public var rowFormat: RowFormat
    /// json only.
    public var body: BodyTemplate?
    public var response: ResponsePath
    /// The server a gate starts itself before its requests (`start: [command, args...]`), in the
    /// pipeline's folder, and stops when the gate ends; nil when the server runs already.
    public var start: [String]?
    /// The path whose GET answers 200 once the server can take requests; nil: the protocol's own.
    public var ready: String?
    /// How long a started server has to get ready.
    public var readyTimeout: Duration = HTTPPredictorConfig.defaultReadyTimeout

    public static let defaultTimeout = Duration.seconds(60)
    public static let defaultConnectTimeout = Duration.seconds(10)
    public static let defaultReadyTimeout = Duration.seconds(60)
    /// Headers that carry credentials (lower case): their values must come from the environment,
    /// so the redactor masks them, and the security gate's probes leave them out on purpose.
    public static let credentialHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "x-api-key", "api-key"]
    /// Rows per request for protocols with a batch form: requests stay well under the request
    /// size limits servers set by default (a few MiB).
    public static let defaultBatchSize = 256

    public init(url: HTTPEndpoint, serving: ServingProtocol, model: String? = nil, headers: [Header] = [],
                timeout: Duration = defaultTimeout, connectTimeout: Duration = defaultConnectTimeout,
                tensor: String = "input", datatype: TensorDatatype = .fp64, output: String? = nil,
                rowFormat: RowFormat? = nil, body: BodyTemplate? = nil, response: ResponsePath = ResponsePath()) {
        self.url = url
        self.serving = serving
        self.model = model
        self.headers = headers
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.tensor = tensor
        self.datatype = datatype
        self.output = output
        self.rowFormat = rowFormat ?? (serving == .tfserving ? .array : .object)
        self.body = body
        self.response = response
    }
}
