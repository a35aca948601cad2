import Document
import ModelFiles
import ModelGate

/// The security gate's options, checked once before anything runs.
struct SecurityOptions: Sendable {
    /// nil: the candidate's artifacts.
    var paths: [String]?
    var pins: [(path: String, sha256: String)]
    var manifest: String?
    var secrets: Bool
    var failOn: Finding.Severity
    var maxFiles: Int
    var maxFileBytes: Int
    var pickles: PicklePolicy
    var endpoint: Bool
    var probeTimeout: Duration
    /// Where `endpoint: true` was written: the gate needs the candidate's predictor.
    var predictorRequest: SourceLocation?
    var containers: ContainerLimits

    init(_ options: GateOptions) throws(ConfigError) {
        typealias O = SecurityOption
        paths = options.value(O.paths)
        if let paths, paths.isEmpty { throw options.error("'paths' is empty: name the files or folders to scan", at: options[O.paths]) }
        var pins: [(path: String, sha256: String)] = []
        for member in options[O.sha256]?.objectValue ?? [] {
            guard let hex = member.value.stringValue?.lowercased(), hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
                throw options.error("the pin of '\(member.key)' must be a SHA-256 digest: 64 hexadecimal digits, in quotes if they are all digits", at: member.value)
            }
            pins.append((member.key, hex))
        }
        self.pins = pins
        manifest = options.value(O.manifest)
        secrets = try options.require(O.secrets)
        failOn = Finding.Severity(rawValue: try options.require(O.failOn).rawValue)!
        maxFiles = try options.require(O.maxFiles)
        maxFileBytes = try options.require(O.maxFileBytes)
        let allowed = try options.require(O.allowGlobals)
        for entry in allowed {
            if let problem = PicklePolicy.problem(withAllowEntry: entry) { throw options.error("'allow_globals': \(problem)", at: options[O.allowGlobals]) }
        }
        endpoint = try options.require(O.endpoint)
        probeTimeout = try options.require(O.probeTimeout)
        predictorRequest = endpoint ? options[O.endpoint]?.location : nil
        containers = ContainerLimits()
        containers.maxMembers = try options.require(O.maxMembers)
        containers.maxUncompressedBytes = try options.require(O.maxUncompressedBytes)
        containers.maxCompressionRatio = try options.require(O.maxCompressionRatio)
        containers.maxNesting = try options.require(O.maxNesting)
        containers.maxOnnxGraphDepth = try options.require(O.maxOnnxGraphDepth)
        containers.maxOnnxNodes = try options.require(O.maxOnnxNodes)
        containers.allowedOnnxDomains = try options.require(O.allowOnnxDomains)
        for domain in containers.allowedOnnxDomains where domain.isEmpty || domain.contains(where: { $0.isWhitespace }) {
            throw options.error("'allow_onnx_domains': '\(domain)' is not an operator domain (a name like com.example.ops)", at: options[O.allowOnnxDomains])
        }
        pickles = PicklePolicy(mode: try options.require(O.policy) == .allowlist ? .allowlist : .denylist, allowGlobals: allowed)
    }
}
