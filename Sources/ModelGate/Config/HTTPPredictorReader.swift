import Document
import HTTP

/// Reads and checks the `http` predictor's keys in `candidate.predictor`, so a wrong URL,
/// protocol, header or template is a located configuration error before anything runs.
/// Keys that the chosen protocol does not use are refused as unknown (never silently ignored).
struct HTTPPredictorReader {
    var path: String
    /// The `${NAME}` values of the file: credential headers must take theirs from one.
    var secrets: [String]

    /// Headers that carry credentials: their value must come from the environment, so the
    /// redactor knows it and masks it in every report and log.
    static let credentialHeaders = HTTPPredictorConfig.credentialHeaders

    func read(_ reader: inout MappingReader, node: Node) throws(ConfigError) -> PredictorConfig {
        let urlNode = try reader.requiredNode("url")
        let url: HTTPEndpoint
        switch HTTPEndpoint.parse(try reader.requiredString("url")) {
        case .success(let endpoint): url = endpoint
        case .failure(let problem): throw reader.error("'url': \(problem)", at: urlNode)
        }
        let protocolNode = try reader.requiredNode("protocol")
        let protocolName = try reader.requiredString("protocol")
        guard let serving = HTTPPredictorConfig.ServingProtocol(rawValue: protocolName) else {
            let names = HTTPPredictorConfig.ServingProtocol.allCases.map(\.rawValue)
            var message = "'protocol' must be one of \(names.joined(separator: ", ")), got \(Spelling.quoted(protocolName))"
            if let near = Spelling.closest(to: protocolName, among: names) { message += "; did you mean '\(near)'?" }
            throw reader.error(message, at: protocolNode)
        }
        // A protocol's own path goes after the URL's; a query there would end up before it.
        guard serving == .json || !url.target.contains("?") else {
            throw reader.error("'url': a query ('?…') only fits protocol json, whose URL is the whole endpoint", at: urlNode)
        }
        let inputsNode = try reader.requiredNode("inputs")
        guard let inputs = try reader.stringList("inputs"), !inputs.isEmpty else {
            throw reader.error("'inputs' must list the data columns the model reads", at: inputsNode)
        }
        var config = HTTPPredictorConfig(url: url, serving: serving)
        config.model = try readModel(&reader, serving: serving, node: node)
        config.headers = try readHeaders(&reader)
        config.timeout = try duration(&reader, "timeout") ?? HTTPPredictorConfig.defaultTimeout
        config.connectTimeout = try duration(&reader, "connect_timeout") ?? HTTPPredictorConfig.defaultConnectTimeout
        try readProtocolOptions(&reader, into: &config, inputs: inputs)
        try readManagedServer(&reader, into: &config, node: node)
        let batchSize = try readBatchSize(&reader, serving: serving, node: node)
        try reader.finish()
        return PredictorConfig(type: "http", command: [], inputs: inputs, batchSize: batchSize, options: node, http: config)
    }

    /// `start`, `ready` and `ready_timeout`: a server the gate starts, and how it knows it is ready.
    private func readManagedServer(_ reader: inout MappingReader, into config: inout HTTPPredictorConfig, node: Node) throws(ConfigError) {
        let startNode = reader.optionalNode("start")
        if let startNode, !startNode.isNull {
            guard let command = try reader.stringList("start"), let program = command.first, !program.isEmpty else {
                throw reader.error("'start' must be a list: the server's program and its arguments, like [./serve.sh, --port, '8080']", at: startNode)
            }
            config.start = command
        }
        if let readyNode = reader.optionalNode("ready"), !readyNode.isNull {
            guard let path = readyNode.stringValue, path.hasPrefix("/"), path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw reader.error("'ready' must be the path of the server's readiness GET, like /v2/health/ready", at: readyNode)
            }
            config.ready = path
        }
        if let timeoutNode = reader.optionalNode("ready_timeout"), !timeoutNode.isNull {
            guard config.start != nil else {
                throw reader.error("'ready_timeout' bounds the start of a server the gate starts itself; it needs 'start'", at: timeoutNode)
            }
            config.readyTimeout = try duration(&reader, "ready_timeout") ?? HTTPPredictorConfig.defaultReadyTimeout
        }
        if config.start != nil, config.ready == nil, config.serving == .json {
            throw reader.error("protocol json has no readiness path of its own: with 'start', give 'ready' (a path answering 200 when the server can take requests)",
                               at: startNode ?? node)
        }
    }

    private func readModel(_ reader: inout MappingReader, serving: HTTPPredictorConfig.ServingProtocol,
                           node: Node) throws(ConfigError) -> String? {
        guard serving.needsModel else { return nil }
        let modelNode = try reader.requiredNode("model")
        let model = try reader.requiredString("model")
        // The name becomes part of the request path: keep it to what needs no escaping.
        guard !model.isEmpty, model.utf8.allSatisfy({ Self.isPathByte($0) }) else {
            throw reader.error("'model' must be the served model's name: letters, digits and - _ . ~ only", at: modelNode)
        }
        return model
    }

    private func readHeaders(_ reader: inout MappingReader) throws(ConfigError) -> [HTTPPredictorConfig.Header] {
        guard let headersNode = reader.optionalNode("headers"), !headersNode.isNull else { return [] }
        guard let members = headersNode.objectValue else {
            throw reader.error("'headers' must be a mapping of header names to values", at: headersNode)
        }
        var headers: [HTTPPredictorConfig.Header] = []
        for member in members {
            // `X-Version: 2` reads as a number in YAML; a header takes its text.
            guard let value = GateOptions.text(of: member.value) else {
                throw ConfigError("header \(Spelling.quoted(member.key)) must have a string value, got \(member.value.kindDescription)",
                                  path: path, at: member.value.location)
            }
            do throws(HTTPRequestError) {
                _ = try HTTPRequestWriter(method: .get, target: "/", host: "h", headers: [(member.key, value)])
            } catch {
                let place = error == .invalidHeaderValue(name: member.key) ? member.value.location : member.keyLocation
                throw ConfigError("'headers': \(Self.describe(error, name: member.key))", path: path, at: place)
            }
            if Self.credentialHeaders.contains(member.key.lowercased()) {
                let masked = secrets.contains { $0.utf8.count >= SecretRedactor.minimumLength && value.contains($0) }
                guard masked else {
                    throw ConfigError("header \(Spelling.quoted(member.key)) carries a credential: take it from the environment, "
                                      + "as in \"Bearer ${TOKEN}\" (a variable of at least \(SecretRedactor.minimumLength) characters), "
                                      + "so that reports and logs mask it", path: path, at: member.value.location)
                }
            }
            headers.append(.init(name: member.key, value: value))
        }
        return headers
    }

    private static func describe(_ error: HTTPRequestError, name: String) -> String {
        switch error {
        case .invalidHeaderName: return "\(Spelling.quoted(name)) is not a header name (letters, digits and !#$%&'*+-.^_`|~)"
        case .invalidHeaderValue: return "the value of \(Spelling.quoted(name)) has a line break or control character, or starts or ends with a space (value not shown)"
        case .reservedHeader: return "\(Spelling.quoted(name)) is set by the client itself; remove it"
        default: return "\(error)"
        }
    }

    private func readProtocolOptions(_ reader: inout MappingReader, into config: inout HTTPPredictorConfig,
                                     inputs: [String]) throws(ConfigError) {
        switch config.serving {
        case .kserveV2:
            if let tensor = try reader.string("tensor") {
                guard !tensor.isEmpty else { throw reader.error("'tensor' must name the model's input tensor", at: reader.node["tensor"]!) }
                config.tensor = tensor
            }
            if let datatypeNode = reader.optionalNode("datatype"), !datatypeNode.isNull {
                let names = HTTPPredictorConfig.TensorDatatype.allCases.map(\.rawValue)
                guard let text = datatypeNode.stringValue, let datatype = HTTPPredictorConfig.TensorDatatype(rawValue: text) else {
                    throw reader.error("'datatype' must be one of \(names.joined(separator: ", "))", at: datatypeNode)
                }
                config.datatype = datatype
            }
            config.output = try reader.string("output")
        case .tfserving, .torchserve:
            config.output = try reader.string("output")
            if let formatNode = reader.optionalNode("row_format"), !formatNode.isNull {
                guard let text = formatNode.stringValue, let format = HTTPPredictorConfig.RowFormat(rawValue: text) else {
                    throw reader.error("'row_format' must be 'object' (inputs by name) or 'array' (values in 'inputs' order)", at: formatNode)
                }
                config.rowFormat = format
            }
        case .mlflow, .sagemaker:
            config.output = try reader.string("output")
        case .json:
            let bodyNode = try reader.requiredNode("body")
            let text: String
            if let string = bodyNode.stringValue {
                text = string
            } else if bodyNode.objectValue != nil || bodyNode.arrayValue != nil {
                throw reader.error("'body' must be the request's JSON text as a string (a YAML block scalar: body: |), with {{field}} placeholders", at: bodyNode)
            } else {
                throw reader.error("'body' must be a string, got \(bodyNode.kindDescription)", at: bodyNode)
            }
            do throws(BodyTemplate.Problem) {
                config.body = try BodyTemplate(text, inputs: inputs)
            } catch {
                throw reader.error(error.message, at: bodyNode)
            }
            if let responseNode = reader.optionalNode("response"), !responseNode.isNull {
                guard let text = responseNode.stringValue, let path = ResponsePath(text) else {
                    throw reader.error("'response' must be a path to the answer like 'output.label' or 'predictions.0'", at: responseNode)
                }
                config.response = path
            }
        }
        if let output = config.output, output.isEmpty {
            throw reader.error("'output' must not be empty", at: reader.node["output"]!)
        }
    }

    private func readBatchSize(_ reader: inout MappingReader, serving: HTTPPredictorConfig.ServingProtocol,
                               node: Node) throws(ConfigError) -> Int {
        // TorchServe and the json template take one row per request: batching is the server's.
        if serving == .torchserve || serving == .json {
            if let batchNode = node["batch_size"] {
                throw reader.error("'batch_size' does not apply: protocol '\(serving.rawValue)' sends one row per request", at: batchNode)
            }
            return 1
        }
        let batchSize = try reader.integer("batch_size") ?? HTTPPredictorConfig.defaultBatchSize
        guard batchSize >= 1 && batchSize <= 1_000_000 else {
            throw reader.error("'batch_size' must be between 1 and 1000000 rows per request", at: node["batch_size"] ?? node)
        }
        return batchSize
    }

    private func duration(_ reader: inout MappingReader, _ key: String) throws(ConfigError) -> Duration? {
        guard let node = reader.optionalNode(key), !node.isNull else { return nil }
        guard let text = GateOptions.text(of: node), let duration = DurationText.parse(text.contains(where: \.isLetter) ? text : text + "s") else {
            throw reader.error("'\(key)' must be a duration like 500ms, 30s or 2m", at: node)
        }
        return duration
    }

    private static func isPathByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 122) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "~")
    }
}
