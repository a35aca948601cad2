// fuzz-sources: gates/security/Manifest
// The SHA256SUMS reader on arbitrary bytes: it must never crash, every line is either an entry or
// a problem (never both, never neither unless blank or a comment), no entry's path leaves the
// manifest's folder, no path is listed twice, and every digest is 64 lowercase hex digits.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let manifest = ArtifactManifest(text: bytes, name: "SHA256SUMS")
    let entryLines = Set(manifest.entries.map(\.line))
    let problemLines = Set(manifest.problems.map(\.line))
    precondition(entryLines.isDisjoint(with: problemLines), "a line is both an entry and a problem")
    precondition(entryLines.count == manifest.entries.count, "two entries on one line")
    var seen = Set<String>()
    for entry in manifest.entries {
        precondition(seen.insert(entry.path).inserted, "a path listed twice")
        precondition(!entry.path.hasPrefix("/") && !entry.path.split(separator: "/", omittingEmptySubsequences: false).contains(".."),
                     "an entry leaves the folder: \(entry.path)")
        precondition(entry.sha256.utf8.count == 64 && entry.sha256.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) },
                     "a digest that is not lowercase hex")
    }
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
        var text = line
        if text.last == 0x0D { text = text.dropLast() }
        let blank = text.isEmpty || text.first == UInt8(ascii: "#")
        precondition(blank || entryLines.contains(index + 1) || problemLines.contains(index + 1), "line \(index + 1) neither entry nor problem")
    }
    return 0
}
