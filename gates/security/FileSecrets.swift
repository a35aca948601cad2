import ModelFiles
import ModelGate

/// The secret scan of one file and of the zip members inside it, as findings. A member is scanned
/// like a file of its own (findings name `model.pt!archive/config.json`, with the member's line and
/// column); a stored member's bytes are also the archive's own, so the archive's scan skips them
/// rather than reading them twice and reporting each secret twice.
struct FileSecrets {
    let name: String
    private(set) var findings: [Finding] = []
    /// Matches past `SecretScanner.maximumMatches` for the file and its members together.
    private var dropped = 0
    /// Stretches of the file's bytes already scanned as stored members (offsets in the file).
    private var scannedStretches: [Range<Int>] = []

    init(name: String) {
        self.name = name
    }

    /// A member as `ModelFileScanner` read it; `file` is the whole file, to tell a stored member
    /// (its bytes lie inside the file's) from an inflated one.
    mutating func scanMember(_ member: ZipMemberContent, of file: UnsafeRawBufferPointer) {
        // A zip inside the zip is scanned through its own members, which are visited too.
        guard ModelFileKind(member.bytes) != .zip else { return }
        scan(member.bytes, path: name + "!" + member.name, offset: 0)
        if let start = member.bytes.baseAddress, let fileStart = file.baseAddress,
           start >= fileStart, start + member.bytes.count <= fileStart + file.count {
            let offset = start - UnsafeRawPointer(fileStart)
            scannedStretches.append(offset..<offset + member.bytes.count)
        }
    }

    /// The file's own bytes, but for the stored members already scanned; call after the members.
    mutating func scanFile(_ bytes: UnsafeRawBufferPointer) {
        var at = 0
        for stretch in scannedStretches.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if stretch.lowerBound > at { scan(UnsafeRawBufferPointer(rebasing: bytes[at..<stretch.lowerBound]), path: name, offset: at) }
            at = max(at, stretch.upperBound)
        }
        if at < bytes.count { scan(UnsafeRawBufferPointer(rebasing: bytes[at...]), path: name, offset: at) }
        if dropped > 0 {
            findings.append(SecurityRules.finding(.limitExceeded, path: name,
                                                  message: "\(dropped) more secrets in '\(name)' than the \(SecretScanner.maximumMatches) reported"))
        }
    }

    /// `offset`: where `bytes` start in the file; lines and columns are given only for bytes
    /// read from the start (a stretch between members starts mid-line).
    private mutating func scan(_ bytes: UnsafeRawBufferPointer, path: String, offset: Int) {
        var scanner = SecretScanner()
        scanner.scan(bytes, isLast: true)
        let rules = scanner.rules
        for match in scanner.matches {
            guard findings.count < SecretScanner.maximumMatches else {
                dropped += 1
                continue
            }
            let rule = rules[match.rule]
            findings.append(Finding(rule: rule.id, severity: rule.findingSeverity,
                                    location: Finding.Location(path: path, line: offset == 0 ? match.line : nil,
                                                               column: offset == 0 ? match.column : nil, offset: offset + match.offset),
                                    excerpt: match.excerpt, message: rule.summary))
        }
        dropped += scanner.droppedMatches
    }
}
