/// What a model file (or a member of one) is, told by its first bytes, never by its name.
public enum ModelFileKind: Sendable, Equatable {
    /// Starts with PROTO (0x80): protocol 2 to 5 pickles, legacy `torch.save` files, joblib dumps.
    case pickle
    /// Starts with an opcode of protocols 0/1 and ends with STOP; judged as a pickle only if it imports something.
    case possiblePickle
    case zip
    case npy
    case safetensors
    case gguf
    /// Starts like a protobuf ModelProto (`OnnxModelScan.hasSignature`): ONNX has no magic.
    case onnx
    /// zlib, gzip, joblib's old `ZF` format, bz2, xz, lzma or lz4: what joblib's compressed files start with.
    case compressed
    case other

    static let textPickleStarts: Set<UInt8> = Set("(c]})NILFSVXBCKMJGUTdlt".utf8)

    /// Whether a file's first bytes (16 are enough) may start an ONNX model; the scan decides.
    public static func mayBeOnnx(_ head: UnsafeRawBufferPointer) -> Bool { OnnxModelScan.hasSignature(head) }

    public init(_ bytes: UnsafeRawBufferPointer) {
        if bytes.first == 0x80 {
            self = .pickle
        } else if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            self = .zip
        } else if bytes.starts(with: NumpyArrayFile.magic) {
            self = .npy
        } else if bytes.starts(with: GGUFHeader.magic), bytes.count >= 8, bytes[5] == 0, bytes[6] == 0, bytes[7] == 0 {
            // The version's high bytes are zero: text that starts with "GGUF" is not a model.
            self = .gguf
        } else if SafetensorsHeader.looksLike(bytes) {
            self = .safetensors
        } else if OnnxModelScan.hasSignature(bytes) {
            self = .onnx
        } else if CompressedStream.format(bytes) != nil {
            self = .compressed
        } else if let first = bytes.first, Self.textPickleStarts.contains(first),
                  bytes.reversed().first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: ".") {
            self = .possiblePickle
        } else {
            self = .other
        }
    }
}
