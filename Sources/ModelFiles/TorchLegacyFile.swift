/// Reads a legacy `torch.save` file (`_use_new_zipfile_serialization=False`; `_legacy_save` and
/// `_legacy_load` in torch/serialization.py): five pickles one after another (the magic number,
/// the protocol version 1001, a dict of system facts, the object with a persistent id per
/// storage, the list of storage keys), then for each key in that order an 8-byte little-endian
/// element count and the storage's raw bytes. Every pickle is judged; the storage bytes are
/// skipped exactly, their sizes checked against the persistent ids; whatever follows the last
/// storage is a finding, and is judged as pickles too.
enum TorchLegacyFile {
    /// `MAGIC_NUMBER = 0x1950A86A20F9469CFC6C`, as LONG1 writes it (10 bytes, little-endian).
    static let magic: [UInt8] = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]
    static let protocolVersion = 1001

    /// Whether the first pickle is the magic number: PROTO 2–5, maybe a FRAME, LONG1 of the magic, STOP.
    static func looksLike(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 15, bytes[0] == 0x80, (2...5).contains(bytes[1]) else { return false }
        let start = bytes[2] == 0x95 ? 11 : 2
        return bytes.starts(with: [0x8A, 10] + magic + [0x2E], at: start)
    }

    /// Bytes per element of the storage classes legacy files name (`torch._utils._element_size`).
    static let elementSizes: [String: Int] = [
        "torch.DoubleStorage": 8, "torch.FloatStorage": 4, "torch.HalfStorage": 2, "torch.BFloat16Storage": 2,
        "torch.LongStorage": 8, "torch.IntStorage": 4, "torch.ShortStorage": 2, "torch.CharStorage": 1,
        "torch.ByteStorage": 1, "torch.BoolStorage": 1, "torch.ComplexFloatStorage": 8, "torch.ComplexDoubleStorage": 16,
        "torch.QInt8Storage": 1, "torch.QUInt8Storage": 1, "torch.QInt32Storage": 4, "torch.QUInt4x2Storage": 1,
        "torch.QUInt2x4Storage": 1, "torch.UntypedStorage": 1,
    ]

    static func findings(_ bytes: UnsafeRawBufferPointer, member: String?, policy: PicklePolicy) -> [ModelFileFinding] {
        // torch.load reads the pickles as plain pickles: a joblib array wrapper is just an object here.
        let reading = PickleScanner(policy: policy).read(bytes, baseOffset: 0, pickleCount: 5, tracksValues: true, joblibArrays: false)
        var findings = reading.report.findings.map { ModelFileFinding(pickle: $0, member: member) }
        func report(_ offset: Int, _ message: String) {
            findings.append(ModelFileFinding(.torchLegacyMalformed, offset: offset, member: member, message: message))
        }
        // A pickle that does not read through is already a finding, and the loader stops there.
        if reading.report.findings.contains(where: { $0.rule == .malformed || $0.rule == .limitExceeded }) { return findings }
        guard reading.report.pickles == 5, reading.results.count == 5 else {
            report(reading.report.end, "the file ends after \(reading.report.pickles) of the five pickles of a legacy torch.save file")
            return findings
        }
        if reading.results[1] != .int(protocolVersion) {
            report(0, "the second pickle is not the protocol version \(protocolVersion); torch.load refuses the file")
            return findings
        }
        guard let storages = storages(reading, report: report) else { return findings }
        guard case let .list(keyItems) = reading.results[4] else {
            report(reading.report.end, "the fifth pickle is not a list of storage keys the scan could read")
            return findings
        }
        var offset = reading.report.end
        for item in keyItems {
            guard case let .text(key) = item, let storage = storages[key] else {
                report(offset, "a storage key in the fifth pickle names no storage of the object's persistent ids")
                return findings
            }
            guard let count = bytes.littleEndian(at: offset, size: 8) else {
                report(offset, "the file ends inside the element count of storage '\(key)'")
                return findings
            }
            guard count == UInt64(storage.count) else {
                report(offset, "storage '\(key)' holds \(Int64(bitPattern: count)) elements in the file but \(storage.count) in its persistent id; torch.load refuses it")
                return findings
            }
            let (size, overflow) = storage.count.multipliedReportingOverflow(by: storage.elementSize)
            guard !overflow, size <= bytes.count - offset - 8 else {
                report(offset, "storage '\(key)' declares \(storage.count) elements of \(storage.elementSize) bytes, past the end of the file")
                return findings
            }
            offset += 8 + size
        }
        if offset < bytes.count {
            report(offset, "\(bytes.count - offset) bytes follow the last storage; torch.load ignores them, another reader may not")
            let rest = PickleScanner(policy: policy).scan(UnsafeRawBufferPointer(rebasing: bytes[offset...]), baseOffset: offset)
            if rest.pickles > 0 || !rest.globals.isEmpty {
                findings += rest.findings.map { ModelFileFinding(pickle: $0, member: member) }
            }
        }
        return findings
    }

    /// Each storage's element size and count by root key, from the object pickle's persistent ids
    /// (the first id of a key decides, as in `_legacy_load`); nil after reporting one that cannot be followed.
    private static func storages(_ reading: PickleReading, report: (Int, String) -> Void) -> [String: (elementSize: Int, count: Int)]? {
        var storages: [String: (elementSize: Int, count: Int)] = [:]
        guard reading.droppedPersistentIDs == 0 else {
            report(0, "more persistent ids than max_tracked_values (\(reading.persistentIDs.count)); the storages cannot be checked")
            return nil
        }
        for persistent in reading.persistentIDs {
            guard persistent.pickle == 3 else {
                report(persistent.offset, "a persistent id in pickle \(persistent.pickle + 1), which torch.load reads without persistent ids and refuses")
                return nil
            }
            guard case let .tuple(parts) = persistent.id, case let .text(kind)? = parts.first else {
                report(persistent.offset, "a persistent id that is not a tuple starting with its kind")
                return nil
            }
            if kind == "module", parts.count == 4 { continue }
            guard kind == "storage", parts.count == 6, case let .global(type) = parts[1], case let .text(key) = parts[2],
                  case let .int(count) = parts[4], count >= 0 else {
                report(persistent.offset, "a persistent id that is not ('storage', type, key, location, numel, view) as torch writes it")
                return nil
            }
            guard parts[5] == .none else {
                report(persistent.offset, "a storage view in a persistent id, which torch's legacy writer never writes")
                return nil
            }
            guard let elementSize = elementSizes[type] else {
                report(persistent.offset, "storage type `\(type)` is not one whose element size the scan knows")
                return nil
            }
            if storages[key] == nil { storages[key] = (elementSize, count) }
        }
        return storages
    }
}
