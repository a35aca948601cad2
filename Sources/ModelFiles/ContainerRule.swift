/// Every rule a container scan (zip, NumPy, safetensors, GGUF, Keras) can report besides the
/// pickle rules of the members it reads; identifiers are stable, as reports and SARIF carry them.
public enum ContainerRule: String, Sendable, CaseIterable {
    case zipMalformed = "zip.malformed"
    case zipHeaderMismatch = "zip.header-mismatch"
    case zipUnsafePath = "zip.unsafe-path"
    case zipDuplicateName = "zip.duplicate-name"
    case zipUnreadableMember = "zip.unreadable-member"
    case limitExceeded = "container.limit-exceeded"
    case npyMalformed = "npy.malformed"
    case safetensorsMalformed = "safetensors.malformed"
    case ggufMalformed = "gguf.malformed"
    case kerasLambda = "keras.lambda-layer"
    case kerasCustomModule = "keras.custom-module"
    case torchLegacyMalformed = "torch-legacy.malformed"
    case compressedMalformed = "compressed.malformed"
    case compressedUnreadable = "compressed.unreadable"

    public var severity: FindingSeverity {
        switch self {
        case .kerasLambda: .critical
        default: .high
        }
    }

    public var rationale: String {
        switch self {
        case .zipMalformed: "The zip archive's directory or a member's bytes cannot be read as a zip; what a loader makes of it is unknown, so it cannot be vouched for."
        case .zipHeaderMismatch: "A member's local header disagrees with the central directory (name, method or sizes): a scanner reading one and a loader reading the other see different files. The central directory, which PyTorch and Python follow, is what was scanned."
        case .zipUnsafePath: "A member name is absolute or climbs out with '..'; extracting the archive writes outside its folder."
        case .zipDuplicateName: "Two members share a name; loaders disagree on which one they read, so one can hide behind the other."
        case .zipUnreadableMember: "A member is encrypted or compressed with a method other than stored or deflate, so its content cannot be judged."
        case .limitExceeded: "The archive passes a bound of the scan (members, uncompressed bytes, compression ratio, nesting depth): a zip bomb or a file larger than the gate will read. The rest was not judged."
        case .npyMalformed: "A NumPy .npy header cannot be read: a bad magic, version, header length or dictionary."
        case .safetensorsMalformed: "A safetensors header is out of bounds or inconsistent: length past the file or the bound, a dtype not in the format, data offsets outside the data or overlapping."
        case .ggufMalformed: "A GGUF header declares counts or lengths that the file cannot hold; readers that trust them allocate or read out of bounds."
        case .kerasLambda: "The Keras config holds a Lambda layer, whose Python code (marshalled bytecode or a function name) runs when the model is loaded."
        case .kerasCustomModule: "The Keras config names a class from a module outside Keras; loading imports that module and runs its code."
        case .torchLegacyMalformed: "A legacy torch.save file does not follow its layout (magic, protocol 1001, five pickles, then each storage's element count and bytes as the persistent ids declare them), or bytes follow the last storage: torch.load and a scanner would read different things."
        case .compressedMalformed: "A zlib or gzip stream (joblib's compressed files) is corrupt, fails its checksum or length check, or has bytes after its end; what joblib.load makes of it cannot be vouched for."
        case .compressedUnreadable: "The file is compressed with bz2, xz, lzma or lz4 (joblib's other compressors) or in joblib's old format with a size that cannot be read; joblib.load unpickles its content, which the scan cannot read, so it cannot be judged."
        }
    }

    public var fixHint: String {
        switch self {
        case .zipMalformed, .zipHeaderMismatch, .zipDuplicateName, .zipUnsafePath: "Re-save the model with its own library (torch.save, model.save, numpy.savez) from a trusted copy."
        case .zipUnreadableMember: "Ship the archive unencrypted, with stored or deflated members."
        case .limitExceeded: "If the file is legitimate, raise the bound (max_members, max_uncompressed_bytes, max_compression_ratio, max_nesting); otherwise reject it."
        case .npyMalformed, .safetensorsMalformed, .ggufMalformed: "Re-export the file with its reference writer from a trusted copy."
        case .kerasLambda: "Replace the Lambda layer by a registered layer class, or ship the weights alone."
        case .kerasCustomModule: "Ship the weights alone, or add the module to allow_globals after reviewing it."
        case .torchLegacyMalformed: "Re-save the model from a trusted copy with torch.save's default zip format, or as safetensors."
        case .compressedMalformed: "Re-save the model from a trusted copy (joblib.dump with compress=True writes zlib)."
        case .compressedUnreadable: "Re-save with joblib.dump(compress=True) (zlib) or without compression, or as safetensors or ONNX."
        }
    }
}
