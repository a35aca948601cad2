import Digest
import ModelFiles
import ModelGate

/// Everything the gate asks of one file, over its bytes read once (`FileBytes`): the SHA-256 when
/// a pin or the manifest will compare it, the format told by content (`ModelFileKind`, the one
/// place that knows model formats), the model-file scan, and the secret scan of the file and of
/// every zip member the model-file scan reads (so nothing is inflated twice).
struct FileScan {
    var sha256: String?
    var findings: [Finding] = []

    init(_ bytes: UnsafeRawBufferPointer, file: ScanTargets.File, options: SecurityOptions, digest: Bool) {
        if digest {
            var hasher = SHA256()
            hasher.update(bytes)
            sha256 = SHA256.hex(hasher.finalize())
        }
        var secrets = FileSecrets(name: file.name)
        switch ModelFileKind(bytes) {
        case .other:
            break
        case .possiblePickle where !Self.isText(bytes):
            // Text can look like an old pickle and is cleared when it does not read as one; a
            // binary file of that shape is judged as a pickle, malformed or not.
            findings = PickleCheck(policy: options.pickles).findings(bytes, file: file)
        default:
            let check = ContainerCheck(policy: options.pickles, limits: options.containers)
            findings = options.secrets
                ? check.findings(bytes, file: file) { secrets.scanMember($0, of: bytes) }
                : check.findings(bytes, file: file) { _ in }
        }
        if options.secrets {
            secrets.scanFile(bytes)
            findings = secrets.findings + findings
        }
    }

    /// No control bytes besides tab, newline and carriage return.
    static func isText(_ bytes: UnsafeRawBufferPointer) -> Bool {
        !bytes.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }
    }
}
