/// Scans a model file by its content: pickles through `PickleScanner`; zip archives (PyTorch
/// checkpoints, Keras `.keras`, NumPy `.npz`) member by member, each member again by content, to
/// a bounded nesting depth; `.npy` object arrays as the pickles they hold; safetensors and GGUF
/// headers against the file; ONNX models for external data and custom operators (`OnnxModelScan`);
/// legacy `torch.save` files pickle by pickle and storage by storage; joblib's compressed files by
/// their content. Nothing is executed, and hostile sizes cost bounded work.
///
/// ```swift
/// let findings = try ModelFileScanner().scanFile(atPath: "model.pt")
/// ```
public struct ModelFileScanner: Sendable {
    public var policy: PicklePolicy
    public var limits: ContainerLimits

    public init(policy: PicklePolicy = PicklePolicy(), limits: ContainerLimits = ContainerLimits()) {
        self.policy = policy
        self.limits = limits
    }

    public func scanFile(atPath path: String) throws(ModelFileError) -> [ModelFileFinding] {
        let file = try MappedFile(path: path)
        let folder = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        return file.withBytes { scan($0, folder: folder) }
    }

    /// `folder`: where the file is, against which an ONNX model's external data is checked;
    /// without it (and inside archives) only the locations' own shape is judged.
    public func scan(_ bytes: UnsafeRawBufferPointer, folder: String? = nil) -> [ModelFileFinding] {
        scan(bytes, folder: folder, visitingMembers: { _ in })
    }

    /// Scans `bytes` and shows `visit` every zip member read (stored, or inflated within the
    /// bounds), nested members too, after the member itself was judged: a caller can look at
    /// member content the scanner has no rules for (the security gate's secret scan) without
    /// inflating anything twice.
    public func scan(_ bytes: UnsafeRawBufferPointer, folder: String? = nil,
                     visitingMembers visit: (ZipMemberContent) -> Void) -> [ModelFileFinding] {
        var budget = limits.maxUncompressedBytes
        return scan(bytes, member: nil, depth: 0, budget: &budget, topLevel: true, folder: folder, visit: visit)
    }

    /// `budget`: bytes that may still be inflated across the whole file.
    private func scan(_ bytes: UnsafeRawBufferPointer, member: String?, depth: Int, budget: inout Int, topLevel: Bool,
                      folder: String? = nil, visit: (ZipMemberContent) -> Void) -> [ModelFileFinding] {
        switch ModelFileKind(bytes) {
        case .pickle where TorchLegacyFile.looksLike(bytes): return TorchLegacyFile.findings(bytes, member: member, policy: policy)
        case .pickle: return pickleFindings(bytes, member: member, strict: topLevel)
        case .possiblePickle: return pickleFindings(bytes, member: member, strict: false)
        case .zip:
            guard depth <= limits.maxNesting else {
                return [ModelFileFinding(.limitExceeded, offset: 0, member: member,
                                         message: "a zip nested \(depth) deep, past max_nesting (\(limits.maxNesting)); not read")]
            }
            return zipFindings(bytes, member: member, depth: depth, budget: &budget, visit: visit)
        case .npy:
            switch NumpyArrayFile.read(bytes, limits: limits) {
            case .plain: return []
            case let .objects(payload):
                let report = PickleScanner(policy: policy).scan(UnsafeRawBufferPointer(rebasing: bytes[payload...]), baseOffset: payload)
                return report.findings.map { ModelFileFinding(pickle: $0, member: member) }
            case let .malformed(offset, problem):
                return [ModelFileFinding(.npyMalformed, offset: offset, member: member, message: problem)]
            }
        case .safetensors: return SafetensorsHeader.findings(bytes, member: member, limits: limits)
        case .gguf: return GGUFHeader.findings(bytes, member: member)
        case .onnx: return OnnxModelScan.findings(bytes, member: member, folder: folder, limits: limits)
        case .compressed:
            guard depth <= limits.maxNesting else {
                return [ModelFileFinding(.limitExceeded, offset: 0, member: member,
                                         message: "a compressed stream nested \(depth) deep, past max_nesting (\(limits.maxNesting)); not read")]
            }
            return compressedFindings(bytes, member: member, depth: depth, budget: &budget, visit: visit)
        case .other: return []
        }
    }

    /// A joblib compressed file: the wrapper's problems, then the content scanned by its own kind.
    /// The content is shown to `visit` like a zip member's (named `(zlib content)`), so a caller's
    /// secret scan reads what joblib would unpickle.
    private func compressedFindings(_ bytes: UnsafeRawBufferPointer, member: String?, depth: Int, budget: inout Int,
                                    visit: (ZipMemberContent) -> Void) -> [ModelFileFinding] {
        guard let format = CompressedStream.format(bytes) else { return [] }
        if case let .unreadable(name) = format {
            return [ModelFileFinding(.compressedUnreadable, offset: 0, member: member,
                                     message: "compressed with \(name), which the scan does not decompress; joblib.load would unpickle the content, so it cannot be judged")]
        }
        let ratioCap = max(bytes.count, 1).multipliedReportingOverflow(by: limits.maxCompressionRatio)
        let cap = min(ratioCap.overflow ? Int.max : ratioCap.partialValue, budget)
        let name = (member.map { $0 + "!" } ?? "") + "(\(format == .gzip ? "gzip" : "zlib") content)"
        switch CompressedStream.read(bytes, format, limit: cap) {
        case .tooLarge:
            return [ModelFileFinding(.limitExceeded, offset: 0, member: member, message: cap < budget
                ? "inflates past \(limits.maxCompressionRatio) times its \(bytes.count) compressed bytes (max_compression_ratio); not judged"
                : "inflating it passes max_uncompressed_bytes (\(limits.maxUncompressedBytes)) for the file; not judged")]
        case let .malformed(offset, message):
            return [ModelFileFinding(.compressedMalformed, offset: offset, member: member, message: message)]
        case let .content(content, problems):
            budget -= content.count
            // A stream's problems matter when joblib.load would unpickle what comes out; data that
            // merely starts like a stream (a storage whose first bytes are 78 9C) is judged by its content.
            let unpickled = content.withUnsafeBytes { [.pickle, .possiblePickle].contains(ModelFileKind($0)) }
            var findings = unpickled ? problems.map { ModelFileFinding(.compressedMalformed, offset: $0.offset, member: member, message: $0.message) } : []
            findings += content.withUnsafeBytes { inflated in
                let found = scan(inflated, member: name, depth: depth + 1, budget: &budget, topLevel: unpickled && problems.isEmpty, visit: visit)
                visit(ZipMemberContent(name: name, bytes: inflated))
                return found
            }
            return findings
        }
    }

    /// `strict`: the bytes are a pickle whatever happens. Otherwise (a member that merely starts
    /// like one, such as a tensor storage whose first float byte is 0x80) a stream that imports
    /// nothing and does not read as a pickle is data: a loader could not run anything from it.
    private func pickleFindings(_ bytes: UnsafeRawBufferPointer, member: String?, strict: Bool) -> [ModelFileFinding] {
        let report = PickleScanner(policy: policy).scan(bytes)
        if !strict, report.globals.isEmpty, report.findings.allSatisfy({ $0.rule == .malformed || $0.rule == .trailingData }),
           report.pickles == 0 {
            return []
        }
        return report.findings.map { ModelFileFinding(pickle: $0, member: member) }
    }

    private func zipFindings(_ bytes: UnsafeRawBufferPointer, member outer: String?, depth: Int, budget: inout Int,
                             visit: (ZipMemberContent) -> Void) -> [ModelFileFinding] {
        let directory = ZipDirectory(bytes, member: outer, limits: limits)
        var findings = directory.findings
        for entry in directory.members {
            let name = (outer.map { $0 + "!" } ?? "") + ZipDirectory.printable(entry.name)
            func report(_ rule: ContainerRule, _ message: String) {
                findings.append(ModelFileFinding(rule, offset: entry.entryOffset, member: outer, message: "member '\(name)': " + message))
            }
            if entry.isEncrypted {
                report(.zipUnreadableMember, "encrypted, so its content cannot be judged")
                continue
            }
            let raw = UnsafeRawBufferPointer(rebasing: bytes[entry.dataOffset..<entry.dataOffset + entry.compressedSize])
            switch entry.method {
            case 0:
                if entry.uncompressedSize != entry.compressedSize {
                    report(.zipHeaderMismatch, "stored, yet its sizes differ (\(entry.compressedSize) and \(entry.uncompressedSize)); the stored bytes were scanned")
                }
                findings += scanMember(raw, name: name, depth: depth, budget: &budget, visit: visit)
                visit(ZipMemberContent(name: name, bytes: raw))
            case 8:
                let ratioCap = max(entry.compressedSize, 1).multipliedReportingOverflow(by: limits.maxCompressionRatio)
                let cap = ratioCap.overflow ? Int.max : ratioCap.partialValue
                do {
                    let (output, _) = try Inflater.inflate(raw, limit: min(cap, budget))
                    budget -= output.count
                    if output.count != entry.uncompressedSize {
                        report(.zipHeaderMismatch, "inflates to \(output.count) bytes, not the \(entry.uncompressedSize) the directory declares")
                    }
                    findings += output.withUnsafeBytes { inflated in
                        let found = scanMember(inflated, name: name, depth: depth, budget: &budget, visit: visit)
                        visit(ZipMemberContent(name: name, bytes: inflated))
                        return found
                    }
                } catch {
                    guard case let .malformed(problem, offset) = error else {
                        report(.limitExceeded, cap < budget
                            ? "inflates past \(limits.maxCompressionRatio) times its \(entry.compressedSize) compressed bytes (max_compression_ratio); not judged"
                            : "inflating it passes max_uncompressed_bytes (\(limits.maxUncompressedBytes)) for the file; not judged")
                        continue
                    }
                    report(.zipMalformed, "its deflate data is corrupt at byte \(offset): \(problem)")
                }
            default:
                report(.zipUnreadableMember, "compression method \(entry.method) is neither stored nor deflate, so its content cannot be judged")
            }
        }
        return findings
    }

    private func scanMember(_ bytes: UnsafeRawBufferPointer, name: String, depth: Int, budget: inout Int,
                            visit: (ZipMemberContent) -> Void) -> [ModelFileFinding] {
        var findings = scan(bytes, member: name, depth: depth + 1, budget: &budget, topLevel: false, visit: visit)
        if name == "config.json" || name.hasSuffix("!config.json") {
            findings += KerasConfig.findings(bytes, member: name)
        }
        return findings
    }
}
