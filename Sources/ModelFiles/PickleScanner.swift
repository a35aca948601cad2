/// Judges pickles without loading them: reads every opcode, simulates the stack and memo, and
/// reports every global that loading would import or call and is not allowed, every crafted
/// shape, and every byte a loader would refuse.
///
/// ```swift
/// let report = PickleScanner(policy: PicklePolicy(allowGlobals: ["myteam.models.*"])).scan(bytes)
/// if report.fails(at: .high) { … }
/// ```
public struct PickleScanner: Sendable {
    public var policy: PicklePolicy

    public init(policy: PicklePolicy = PicklePolicy()) {
        self.policy = policy
    }

    public func scan(_ bytes: [UInt8]) -> PickleScanReport {
        bytes.withUnsafeBytes { scan($0) }
    }

    /// Scans the file at `path`, mapped into memory rather than read into a buffer.
    public func scanFile(atPath path: String) throws(ModelFileError) -> PickleScanReport {
        let file = try MappedFile(path: path)
        return file.withBytes { scan($0) }
    }

    /// Scans pickles one after another from the start of `input` until it ends, `pickleCount`
    /// pickles were read (then the rest is left to the caller), or something stops the reading.
    /// Bytes after a STOP whose first opcode is already refused are `pickle.trailing-data` (medium:
    /// `pickle.load` ignores them); any pickle that starts but does not read through its STOP is
    /// `pickle.malformed` (high), since a loader reading pickles in turn would run it that far.
    /// `baseOffset` is added to every offset, for pickles inside a larger file.
    public func scan(_ input: UnsafeRawBufferPointer, baseOffset: Int = 0, pickleCount: Int? = nil) -> PickleScanReport {
        read(input, baseOffset: baseOffset, pickleCount: pickleCount, tracksValues: false).report
    }

    /// The scan, and with `tracksValues` what each pickle returned and every persistent id (for
    /// container readers). A stream with joblib arrays is read again with values tracked, since
    /// their shapes and dtypes may be built anywhere before them. `joblibArrays: false` for
    /// containers whose loader is not joblib's (legacy torch files).
    func read(_ input: UnsafeRawBufferPointer, baseOffset: Int, pickleCount: Int?, tracksValues: Bool,
              joblibArrays: Bool = true) -> PickleReading {
        var machine = PickleMachine(input: input, policy: policy, baseOffset: baseOffset)
        machine.tracksValues = tracksValues
        machine.readsJoblibArrays = joblibArrays
        var pickles = 0
        var end = 0
        var extra: [PickleFinding] = []
        if input.isEmpty {
            extra.append(finding(.malformed, .high, baseOffset, "the input is empty; expected a pickle"))
        }
        while !input.isEmpty {
            do {
                end = try machine.readPickle(from: end)
                pickles += 1
            } catch {
                let at = baseOffset + error.offset
                switch error.kind {
                case .needsValues:
                    return read(input, baseOffset: baseOffset, pickleCount: pickleCount, tracksValues: true, joblibArrays: joblibArrays)
                case .limit:
                    extra.append(finding(.limitExceeded, .high, at, error.problem + "; the rest was not judged"))
                case .malformed where pickles == 0:
                    extra.append(finding(.malformed, .high, at, error.problem))
                case .malformed where error.offset > end:
                    // A loader reading pickles one after another would run this one up to here.
                    extra.append(finding(.malformed, .high, at,
                                         "pickle \(pickles + 1), from byte \(baseOffset + end): \(error.problem)"))
                case .malformed:
                    extra.append(finding(.trailingData, .medium, baseOffset + end,
                                         "\(input.count - end) bytes after the STOP that ends pickle \(pickles) "
                                             + "do not start a pickle (\(error.problem))"))
                }
                break
            }
            if end == input.count || pickles == pickleCount { break }
            if pickles == policy.limits.maxPickles {
                extra.append(finding(.limitExceeded, .high, baseOffset + end,
                                     "more than \(pickles) pickles follow one another; the rest was not judged"))
                break
            }
        }
        if machine.ledger.dropped > 0 {
            extra.append(finding(.limitExceeded, .high, baseOffset,
                                 "\(machine.ledger.dropped) more findings past the first \(machine.ledger.cap) were dropped"))
        }
        let findings = (machine.ledger.findings + extra).enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            if a.element.offset != b.element.offset { return a.element.offset < b.element.offset }
            return a.offset < b.offset
        }.map(\.element)
        let report = PickleScanReport(findings: findings, globals: machine.globals.uses, pickles: pickles,
                                      end: baseOffset + end, bytesScanned: input.count)
        return PickleReading(report: report, results: machine.results, persistentIDs: machine.persistentIDs,
                             droppedPersistentIDs: machine.droppedPersistentIDs)
    }

    private func finding(_ rule: PickleRule, _ severity: FindingSeverity, _ offset: Int, _ message: String) -> PickleFinding {
        PickleFinding(rule: rule, severity: severity, offset: offset, message: message)
    }
}
