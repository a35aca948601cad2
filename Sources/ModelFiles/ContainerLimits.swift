/// Bounds on the work a container scan does, so hostile archives (zip bombs, deep nesting, huge
/// declared lengths) cost bounded time and memory. Passing any bound is a finding. Also what a
/// team vouches for inside containers (`allowedOnnxDomains`), since it bounds what is judged.
public struct ContainerLimits: Sendable, Equatable {
    /// Members of one zip archive (`max_members`).
    public var maxMembers = 65_536
    /// Bytes inflated across the whole file, nested archives and joblib's zlib/gzip streams included (`max_uncompressed_bytes`).
    public var maxUncompressedBytes = 1 << 30
    /// Uncompressed size over compressed size of one deflated member or compressed file (`max_compression_ratio`);
    /// DEFLATE tops out near 1032, so only degenerate members pass 250.
    public var maxCompressionRatio = 250
    /// Zips and compressed streams inside one another (`max_nesting`); the outer file is depth 0.
    public var maxNesting = 3
    /// A safetensors or .npy header's declared length.
    public var maxHeaderBytes = 100 << 20
    /// Subgraphs inside subgraphs of an ONNX model (`If`/`Loop`/`Scan` bodies, graph attributes);
    /// the main graph, a training graph and a function body are depth 0. Deeper ones are a finding, not read.
    public var maxOnnxGraphDepth = 32
    /// Nodes and tensors read across one ONNX model's graphs and functions; work is linear in
    /// the file anyway, this caps what a hostile file of tiny nodes costs.
    public var maxOnnxNodes = 10_000_000
    /// ONNX operator domains whose custom-operator library the team ships and vouches for
    /// (`allow_onnx_domains`): their nodes are not findings. Exact names; ONNX's own domains never
    /// need listing.
    public var allowedOnnxDomains: [String] = []

    public init() {}
}
