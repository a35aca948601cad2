// Depends on nothing but the standard library, so it can be fuzzed on its own
// (Tests/Fuzz/ArtifactManifestFuzz.swift).

/// A SHA256SUMS manifest as `sha256sum` writes it: `<64 hex>  <path>` (text mode) or
/// `<64 hex> *<path>` (binary mode), one per line, paths relative to the manifest's folder.
/// Blank lines and `#` comments are allowed; anything else is a finding, and a path that leaves
/// the folder (absolute, or with `..`) is one too, since it could vouch for a file elsewhere.
struct ArtifactManifest {
    var entries: [(path: String, sha256: String, line: Int)] = []
    /// Lines that are not entries: their number and what is wrong (the gate makes them findings).
    var problems: [(line: Int, message: String)] = []

    init(text bytes: [UInt8], name: String) {
        var seen = Set<String>()
        for (index, rawLine) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            var line = rawLine
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            func malformed(_ why: String) {
                problems.append((lineNumber, "\(name) line \(lineNumber): \(why)"))
            }
            guard line.count > 66, line.prefix(64).allSatisfy(Self.isHex) else {
                malformed("expected 64 hexadecimal digits, a separator and a path")
                continue
            }
            let separator = Array(line.dropFirst(64).prefix(2))
            guard separator == [0x20, 0x20] || separator == [0x20, 0x2A] else {
                malformed("the digest must be followed by two spaces, or a space and '*'")
                continue
            }
            let path = String(decoding: line.dropFirst(66), as: UTF8.self)
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            guard !path.hasPrefix("/"), !components.contains(".."), !components.contains(""), !path.contains("\\") else {
                malformed("the path '\(path)' leaves the manifest's folder or is not a plain relative path")
                continue
            }
            guard seen.insert(path).inserted else {
                malformed("'\(path)' is listed twice")
                continue
            }
            entries.append((path, String(decoding: line.prefix(64), as: UTF8.self).lowercased(), lineNumber))
        }
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    /// Files beside a manifest that it need not list: itself and its signatures.
    static func isOwnFile(_ name: String, manifest: String) -> Bool {
        name == manifest || [".asc", ".sig", ".sigstore", ".bundle", ".minisig"].contains { name == manifest + $0 }
    }
}
