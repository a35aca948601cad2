import Document
import ModelGate

/// The security gate's options, each declared once: the descriptor, `modelgate gates security`,
/// the README and `SecurityOptions` all read these.
enum SecurityOption {
    static let all: [OptionSpec] = [paths.spec, sha256.spec, manifest.spec, secrets.spec, policy.spec, allowGlobals.spec, endpoint.spec,
                                    probeTimeout.spec, failOn.spec, maxFiles.spec, maxFileBytes.spec, maxMembers.spec, maxUncompressedBytes.spec,
                                    maxCompressionRatio.spec, maxNesting.spec, maxOnnxGraphDepth.spec, maxOnnxNodes.spec, allowOnnxDomains.spec]

    enum Policy: String, OptionChoice { case allowlist, denylist }

    enum Severity: String, OptionChoice { case critical, high, medium, low }

    static let paths = Option<[String]>("paths",
        help: "Files and folders to scan (folders recursively): model files, configs, notebooks, scripts, model cards. Default: the candidate's artifacts.")
    static let sha256 = Option<Node>("sha256", .mapping,
        help: "Pins: path: SHA-256 in hex. A file whose bytes hash otherwise, or that is missing, is a critical finding.")
    static let manifest = Option<String>("manifest", .path,
        help: "A SHA256SUMS file (sha256sum's output: 64 hex digits, two spaces or ' *', a path relative to the manifest's folder). Every file it lists must match, and every file in its folder (recursively) must be listed, except the manifest and its signature (.asc, .sig).")
    static let secrets = Option<Bool>("secrets", default: true,
        help: "Look for secrets (private keys, cloud and service tokens, JWTs, high-entropy values assigned to passwords or tokens) in every scanned file and in every zip member inside one (named `file!member`).")
    static let policy = Option<Policy>("policy", default: .allowlist,
        help: "How pickles (recognised by content: protocol 2-5 by their header, 0-1 when they read as pickles) are judged. allowlist: only known-safe globals (NumPy array rebuilding, collections, the scikit-learn, XGBoost and LightGBM estimators, PyTorch's tensor rebuilding) and 'allow_globals' pass, anything else is a finding. denylist: only known-dangerous globals and crafted shapes fail, others are reported low; for surveying archives, not for gating.")
    static let allowGlobals = Option<[String]>("allow_globals", default: [],
        help: "A team's own classes a pickle may import: module.Name, or module.* for a module and its submodules. Never admits a denylisted or dunder name.")
    static let endpoint = Option<Bool>("endpoint", default: false,
        help: "Probe the candidate's served model (its http predictor, started by the gate when the predictor has 'start'): TLS unless loopback, a request without credentials must get 401 or 403, malformed JSON, wrong types, NaN and an oversized body must get a 4xx (not a 5xx, a hang or a crash), and no stack trace or version text in answers. Loopback only; a handful of requests.")
    static let probeTimeout = Option<Duration>("probe_timeout", default: .seconds(10),
        help: "How long each endpoint probe waits for its answer; no answer is a finding.")
    static let failOn = Option<Severity>("fail_on", default: .high,
        help: "The least severity that fails the gate: a finding at or above it fails, one below it is reported only.")
    static let maxFiles = Option<Int>("max_files", default: 10_000, range: 1...1_000_000,
        help: "The most files one scan reads; a folder holding more is a finding (scan.limit-exceeded), never a pass on the files it read.")
    static let maxFileBytes = Option<Int>("max_file_bytes", default: 64 << 30, range: .atLeast(1),
        help: "The largest file read, in bytes; a larger one is a finding, not skipped silently.")
    static let maxMembers = Option<Int>("max_members", default: 65_536, range: 1...10_000_000,
        help: "The most members of one zip archive (PyTorch checkpoint, .keras, .npz) that are read; an archive declaring more is a finding (container.limit-exceeded).")
    static let maxUncompressedBytes = Option<Int>("max_uncompressed_bytes", default: 1 << 30, range: .atLeast(1),
        help: "The most bytes inflated from one file's deflated zip members and compressed joblib streams, nested ones included; past it the rest is a finding (zip bombs), not skipped silently.")
    static let maxCompressionRatio = Option<Int>("max_compression_ratio", default: 250, range: 1...100_000,
        help: "The largest uncompressed-to-compressed ratio of one deflated zip member or compressed joblib stream; one inflating further is a finding and is not judged (DEFLATE tops out near 1032, so only degenerate members pass 250).")
    static let maxNesting = Option<Int>("max_nesting", default: 3, range: 0...16,
        help: "How deep zips and compressed streams inside one another are read; a deeper one is a finding.")
    static let allowOnnxDomains = Option<[String]>("allow_onnx_domains", default: [],
        help: "ONNX operator domains whose custom-operator library the team ships and vouches for (exact names, such as com.example.ops): their nodes are not findings. Any other custom domain is onnx.custom-domain (high), since loading it runs native code from outside the model.")
    static let maxOnnxGraphDepth = Option<Int>("max_onnx_graph_depth", default: 32, range: 0...64,
        help: "How deep subgraphs inside subgraphs of an ONNX model (If, Loop and Scan bodies) are read; a deeper one is a finding (container.limit-exceeded), not skipped silently.")
    static let maxOnnxNodes = Option<Int>("max_onnx_nodes", default: 10_000_000, range: 1...1_000_000_000,
        help: "The most nodes and tensors read from one ONNX model, all graphs and functions together; past it the rest is a finding (container.limit-exceeded).")
}
