import Document
import ModelGate

/// The security gate's options, each declared once: the descriptor, `modelgate gates security`,
/// the README and `SecurityOptions` all read these.
enum SecurityOption {
    static let all: [OptionSpec] = [paths.spec, sha256.spec, manifest.spec, secrets.spec, failOn.spec, maxFiles.spec, maxFileBytes.spec]

    enum Severity: String, OptionChoice { case critical, high, medium, low }

    static let paths = Option<[String]>("paths",
        help: "Files and folders to scan (folders recursively): model files, configs, notebooks, scripts, model cards. Default: the candidate's artifacts.")
    static let sha256 = Option<Node>("sha256", .mapping,
        help: "Pins: path: SHA-256 in hex. A file whose bytes hash otherwise, or that is missing, is a critical finding.")
    static let manifest = Option<String>("manifest", .path,
        help: "A SHA256SUMS file (sha256sum's output: 64 hex digits, two spaces or ' *', a path relative to the manifest's folder). Every file it lists must match, and every file in its folder (recursively) must be listed, except the manifest and its signature (.asc, .sig).")
    static let secrets = Option<Bool>("secrets", default: true,
        help: "Look for secrets (private keys, cloud and service tokens, JWTs, high-entropy values assigned to passwords or tokens) in every scanned file.")
    static let failOn = Option<Severity>("fail_on", default: .high,
        help: "The least severity that fails the gate: a finding at or above it fails, one below it is reported only.")
    static let maxFiles = Option<Int>("max_files", default: 10_000, range: 1...1_000_000,
        help: "The most files one scan reads; a folder holding more is a finding (scan.limit-exceeded), never a pass on the files it read.")
    static let maxFileBytes = Option<Int>("max_file_bytes", default: 64 << 30, range: .atLeast(1),
        help: "The largest file read, in bytes; a larger one is a finding, not skipped silently.")
}
