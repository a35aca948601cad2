import ModelFiles
import ModelGate

/// The secret scan of one file and of the zip members inside it, as findings. A member is scanned
/// like a file of its own; its findings are located at the archive (the file a reader, a SARIF
/// viewer or a code-scanning alert can open) and their message names the member and the line and
/// column in it, as the container findings do. A stored member's bytes are also the archive's
/// own, so the archive's scan skips them rather than reading them twice and reporting each secret twice.
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
        scan(member.bytes, member: member.name, offset: 0)
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
            if stretch.lowerBound > at { scan(UnsafeRawBufferPointer(rebasing: bytes[at..<stretch.lowerBound]), member: nil, offset: at) }
            at = max(at, stretch.upperBound)
        }
        if at < bytes.count { scan(UnsafeRawBufferPointer(rebasing: bytes[at...]), member: nil, offset: at) }
        if dropped > 0 {
            findings.append(SecurityRules.finding(.limitExceeded, path: name,
                                                  message: "\(dropped) more secrets in '\(name)' than the \(SecretScanner.maximumMatches) reported"))
        }
    }

    /// `member`: the zip member `bytes` are (nested names joined by `!`), or nil for the file's own
    /// bytes. `offset`: where the file's own bytes start in it; lines and columns are given only
    /// for bytes read from the start (a stretch between members starts mid-line).
    private mutating func scan(_ bytes: UnsafeRawBufferPointer, member: String?, offset: Int) {
        var scanner = SecretScanner()
        scanner.scan(bytes, isLast: true)
        let rules = scanner.rules
        for match in scanner.matches {
            guard findings.count < SecretScanner.maximumMatches else {
                dropped += 1
                continue
            }
            let rule = rules[match.rule]
            let location: Finding.Location
            var message = rule.summary
            if let member {
                location = Finding.Location(path: name)
                message = "in member '\(member)', line \(match.line), column \(match.column) (byte \(match.offset) of the member): " + message
            } else {
                location = Finding.Location(path: name, line: offset == 0 ? match.line : nil,
                                            column: offset == 0 ? match.column : nil, offset: offset + match.offset)
            }
            findings.append(Finding(rule: rule.id, severity: rule.findingSeverity, location: location,
                                    excerpt: match.excerpt, message: message))
        }
        dropped += scanner.droppedMatches
    }
}
