/// Reads a zip archive's end-of-central-directory record (ZIP64 too), its central directory and
/// each member's local header, without trusting any declared size: every field is checked against
/// the archive's bytes. Disagreements that attackers use to show a scanner one file and a loader
/// another are findings; the members are those of the central directory.
struct ZipDirectory {
    private(set) var members: [ZipMember] = []
    private(set) var findings: [ModelFileFinding] = []
    private let bytes: UnsafeRawBufferPointer
    private let member: String?

    /// `member`: the archive's own name inside an outer archive, for findings.
    init(_ bytes: UnsafeRawBufferPointer, member: String?, limits: ContainerLimits) {
        self.bytes = bytes
        self.member = member
        guard let (count, directoryOffset, directorySize, record) = endRecord() else { return }
        guard count <= limits.maxMembers else {
            report(.limitExceeded, 0, "the archive declares \(count) members, more than max_members (\(limits.maxMembers)); none was read")
            return
        }
        guard directoryOffset <= bytes.count, directorySize <= bytes.count - directoryOffset else {
            report(.zipMalformed, record, "the central directory (\(directorySize) bytes at \(directoryOffset)) lies outside the archive")
            return
        }
        readDirectory(count: count, from: directoryOffset, end: directoryOffset + directorySize)
        dropOverlaps()
    }

    /// Members whose data overlap (many directory entries over one stretch of bytes: the
    /// overlapping-file zip bomb) are a finding, and only the first of them is read, so the work
    /// of a scan stays within the archive's size at every nesting level. Python's zipfile refuses
    /// such archives too.
    private mutating func dropOverlaps() {
        var kept: [ZipMember] = []
        var end = 0
        var dropped = 0
        for member in members.sorted(by: { ($0.dataOffset, $0.entryOffset) < ($1.dataOffset, $1.entryOffset) }) {
            if member.dataOffset < end {
                dropped += 1
                if dropped == 1 {
                    report(.zipMalformed, member.entryOffset, "member '\(Self.printable(member.name))' shares its data with another member (overlapping entries); overlapping members are not read")
                }
                continue
            }
            kept.append(member)
            end = member.dataOffset + member.compressedSize
        }
        if dropped > 1 {
            report(.zipMalformed, 0, "\(dropped) members in all overlap others")
        }
        members = kept.sorted { $0.entryOffset < $1.entryOffset }
    }

    private mutating func report(_ rule: ContainerRule, _ offset: Int, _ message: String) {
        findings.append(ModelFileFinding(rule, offset: offset, member: member, message: message))
    }

    /// (member count, central directory offset, central directory size, offset of the record that
    /// says so), ZIP64 values when the classic record says to look for them.
    private mutating func endRecord() -> (Int, Int, Int, Int)? {
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var at = bytes.count - 22
        while at >= lowest, !bytes.starts(with: [0x50, 0x4B, 0x05, 0x06], at: at) { at -= 1 }
        guard at >= lowest, let count = bytes.u16(at + 10), let size = bytes.u32(at + 12), let offset = bytes.u32(at + 16) else {
            report(.zipMalformed, 0, "no end-of-central-directory record: the zip cannot be opened as an archive")
            return nil
        }
        guard count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF else { return (count, offset, size, at) }
        let locator = at - 20
        guard bytes.starts(with: [0x50, 0x4B, 0x06, 0x07], at: locator), let record = bytes.u64(locator + 8) else {
            report(.zipMalformed, at, "the end record says ZIP64 but no ZIP64 locator precedes it")
            return nil
        }
        guard bytes.starts(with: [0x50, 0x4B, 0x06, 0x06], at: record), let count64 = bytes.u64(record + 32),
              let size64 = bytes.u64(record + 40), let offset64 = bytes.u64(record + 48) else {
            report(.zipMalformed, locator, "the ZIP64 locator points at \(record), where no ZIP64 end record is")
            return nil
        }
        return (count64, offset64, size64, record)
    }

    private mutating func readDirectory(count: Int, from start: Int, end: Int) {
        var at = start
        var names = Set<String>()
        for index in 0..<count {
            guard at + 46 <= end, bytes.starts(with: [0x50, 0x4B, 0x01, 0x02], at: at),
                  let flags = bytes.u16(at + 8), let method = bytes.u16(at + 10),
                  var compressed = bytes.u32(at + 20), var uncompressed = bytes.u32(at + 24),
                  let nameLength = bytes.u16(at + 28), let extraLength = bytes.u16(at + 30),
                  let commentLength = bytes.u16(at + 32), var local = bytes.u32(at + 42),
                  at + 46 + nameLength + extraLength + commentLength <= end else {
                report(.zipMalformed, at, "central directory entry \(index + 1) of \(count) is cut off or has no signature")
                return
            }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at + 46..<at + 46 + nameLength]), as: UTF8.self)
            let extra = UnsafeRawBufferPointer(rebasing: bytes[at + 46 + nameLength..<at + 46 + nameLength + extraLength])
            var wide = Self.zip64Fields(extra)
            if uncompressed == 0xFFFF_FFFF, !wide.isEmpty { uncompressed = wide.removeFirst() }
            if compressed == 0xFFFF_FFFF, !wide.isEmpty { compressed = wide.removeFirst() }
            if local == 0xFFFF_FFFF, !wide.isEmpty { local = wide.removeFirst() }
            if !names.insert(name).inserted {
                report(.zipDuplicateName, at, "two members are named '\(Self.printable(name))'; loaders disagree on which one they read")
            }
            if Self.isUnsafe(name) {
                report(.zipUnsafePath, at, "member name '\(Self.printable(name))' is absolute or leaves the archive's folder")
            }
            if let data = localData(name: name, method: method, compressed: compressed, uncompressed: uncompressed,
                                    flags: flags, at: local, entry: at) {
                members.append(ZipMember(name: name, method: method, flags: flags, compressedSize: compressed,
                                         uncompressedSize: uncompressed, dataOffset: data, entryOffset: at))
            }
            at += 46 + nameLength + extraLength + commentLength
        }
    }

    /// Checks the local header at `offset` against the central entry (at `entry`, where findings
    /// point when `offset` is not in the archive) and returns where the data starts.
    private mutating func localData(name: String, method: Int, compressed: Int, uncompressed: Int,
                                    flags: Int, at offset: Int, entry: Int) -> Int? {
        let shown = Self.printable(name)
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04], at: offset), let localFlags = bytes.u16(offset + 6),
              let localMethod = bytes.u16(offset + 8), var localCompressed = bytes.u32(offset + 18),
              var localUncompressed = bytes.u32(offset + 22), let nameLength = bytes.u16(offset + 26),
              let extraLength = bytes.u16(offset + 28), offset + 30 + nameLength + extraLength <= bytes.count else {
            report(.zipMalformed, entry, "member '\(shown)': no local header at \(offset), where the central directory points")
            return nil
        }
        let data = offset + 30 + nameLength + extraLength
        let localName = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset + 30..<offset + 30 + nameLength]), as: UTF8.self)
        var wide = Self.zip64Fields(UnsafeRawBufferPointer(rebasing: bytes[offset + 30 + nameLength..<data]))
        if localUncompressed == 0xFFFF_FFFF, !wide.isEmpty { localUncompressed = wide.removeFirst() }
        if localCompressed == 0xFFFF_FFFF, !wide.isEmpty { localCompressed = wide.removeFirst() }
        var disagreements: [String] = []
        if localName != name { disagreements.append("name '\(Self.printable(localName))'") }
        if localMethod != method { disagreements.append("method \(localMethod) (central: \(method))") }
        // With a data descriptor (flag bit 3) the local sizes may be zero; the descriptor follows the data.
        let deferred = localFlags & 8 != 0 && localCompressed == 0 && localUncompressed == 0
        if !deferred && (localCompressed != compressed || localUncompressed != uncompressed) {
            disagreements.append("sizes \(localCompressed)/\(localUncompressed) (central: \(compressed)/\(uncompressed))")
        }
        if !disagreements.isEmpty {
            report(.zipHeaderMismatch, offset, "member '\(shown)': the local header says " + disagreements.joined(separator: ", ")
                       + "; the central directory's member was scanned")
        }
        guard compressed <= bytes.count - data else {
            report(.zipMalformed, data, "member '\(shown)': \(compressed) bytes of data run past the end of the archive")
            return nil
        }
        return data
    }

    /// The 8-byte values of a ZIP64 extended-information extra field (id 1), in their order.
    static func zip64Fields(_ extra: UnsafeRawBufferPointer) -> [Int] {
        var at = 0
        while let id = extra.u16(at), let size = extra.u16(at + 2), at + 4 + size <= extra.count {
            if id == 1 {
                return stride(from: 0, to: size - 7, by: 8).compactMap { extra.u64(at + 4 + $0) }
            }
            at += 4 + size
        }
        return []
    }

    static func isUnsafe(_ name: String) -> Bool {
        let normal = name.replacingBackslashes()
        if normal.hasPrefix("/") { return true }
        if normal.count >= 2, normal.dropFirst().first == ":" { return true }  // C:…
        return normal.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// A name as reports show it: control characters escaped, at most 200 characters.
    static func printable(_ name: String) -> String {
        let escaped = name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        return escaped.count > 200 ? String(escaped.prefix(200)) + "…" : escaped
    }
}

private extension String {
    func replacingBackslashes() -> String { String(map { $0 == "\\" ? "/" : $0 }) }
}
