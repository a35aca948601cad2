import ModelGate

/// The security gate's own rules besides the secrets: files it could not read as asked, and
/// artifacts that are not the bytes the team pinned.
enum SecurityRules {
    enum Kind: String, CaseIterable {
        case missingFile = "file.unreadable"
        case symlink = "file.symlink"
        case specialFile = "file.special"
        case limitExceeded = "scan.limit-exceeded"
        case digestMismatch = "integrity.sha256-mismatch"
        case unlistedFile = "integrity.unlisted-file"
        case malformedManifest = "integrity.manifest-malformed"
        case changedArtifact = "integrity.artifact-changed"
    }

    static let catalogue: [Kind: FindingRule] = [
        .missingFile: FindingRule(id: Kind.missingFile.rawValue, summary: "A file to scan is missing or unreadable",
                                  help: "A file the gate was told to scan, or that a pin or manifest lists, cannot be read: what is not read cannot be vouched for. Fix the path or ship the file.",
                                  severity: .high),
        .symlink: FindingRule(id: Kind.symlink.rawValue, summary: "A symbolic link among the artifacts",
                              help: "Links are not followed: one could point anywhere on the serving machine, or swap the artifact after it was gated. Ship the file itself.",
                              severity: .high),
        .specialFile: FindingRule(id: Kind.specialFile.rawValue, summary: "A FIFO, socket or device among the artifacts",
                                  help: "Only regular files are artifacts; reading a FIFO or a device could block or never end. Remove it.",
                                  severity: .high),
        .limitExceeded: FindingRule(id: Kind.limitExceeded.rawValue, summary: "The scan hit one of its bounds",
                                    help: "A file or folder is larger, more numerous or nested deeper than the gate's documented bounds allow, so part of it was not read. Raise the bound (max_files, max_file_bytes) if the input is legitimate.",
                                    severity: .high),
        .digestMismatch: FindingRule(id: Kind.digestMismatch.rawValue, summary: "An artifact's SHA-256 differs from its pin",
                                     help: "The bytes are not the ones the team pinned: swapped in transit, rebuilt, or tampered with. Find out which, then pin the digest of the intended file.",
                                     severity: .critical),
        .unlistedFile: FindingRule(id: Kind.unlistedFile.rawValue, summary: "A file in the artifact folder that the manifest does not list",
                                   help: "An unlisted file was added after the manifest was made (or the manifest is stale); it could be loaded beside the model. List it or remove it.",
                                   severity: .high),
        .malformedManifest: FindingRule(id: Kind.malformedManifest.rawValue, summary: "A manifest line that cannot be read",
                                        help: "Each line of a SHA256SUMS manifest is 64 hex digits, two spaces (or a space and '*') and a path inside the manifest's folder. A line that is not cannot vouch for anything.",
                                        severity: .high),
        .changedArtifact: FindingRule(id: Kind.changedArtifact.rawValue, summary: "A candidate artifact changed while the run went on",
                                      help: "The runner hashed the artifact before the gates ran, and the report names that digest; the bytes this gate scanned hash differently, so the verdict and the report would be about different files. Find what writes to the artifact during the run, and run the gates again on a file nothing changes.",
                                      severity: .critical),
    ]

    static func finding(_ kind: Kind, path: String?, line: Int? = nil, message: String, excerpt: String? = nil) -> Finding {
        let rule = catalogue[kind]!
        return Finding(rule: rule.id, severity: rule.severity, location: Finding.Location(path: path, line: line), excerpt: excerpt, message: message)
    }

    /// Every rule of the gate, for the descriptor and SARIF.
    static var all: [FindingRule] {
        Kind.allCases.map { catalogue[$0]! } + PickleCheck.rules + ContainerCheck.rules + SecretScanner.defaultRules.map(\.findingRule)
    }
}

extension SecretRule {
    var findingSeverity: Finding.Severity { Finding.Severity(rawValue: severity) ?? .critical }
    var findingRule: FindingRule { FindingRule(id: id, summary: summary, help: help, severity: findingSeverity) }
}
