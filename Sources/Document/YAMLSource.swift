/// Checks the raw bytes of a YAML document and hands the parser text it can scan simply.
///
/// After `prepare`, the text is well-formed UTF-8 made only of YAML's printable characters, with
/// every line break a single LF and no byte-order mark. So the parser can use 0 as its
/// end-of-input sentinel and never has to think about CR or invalid bytes.
enum YAMLSource {
    static func prepare(_ bytes: [UInt8]) throws(DocumentError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var line = 1
        var column = 1
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x0A, 0x0D:
                // CR LF and a lone CR become one LF: line numbers stay those of the file.
                out.append(0x0A)
                i += (b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) ? 2 : 1
                line += 1
                column = 1
            case 0x09, 0x20...0x7E:
                out.append(b)
                i += 1
                column += 1
            case 0..<0x80:
                throw DocumentError(
                    "the control character \(StrictUTF8.codePointName(UInt32(b))) is not allowed in YAML "
                        + "(write it as an escape in a double-quoted string)",
                    at: SourceLocation(line: line, column: column))
            default:
                guard let (scalar, length) = StrictUTF8.decode(bytes, at: i) else {
                    throw DocumentError(
                        "invalid UTF-8 (byte 0x\(String(b, radix: 16, uppercase: true))); YAML files must be UTF-8",
                        at: SourceLocation(line: line, column: column))
                }
                guard isPrintable(scalar) else {
                    throw DocumentError(
                        "the character \(StrictUTF8.codePointName(scalar)) is not allowed in YAML "
                            + "(write it as an escape in a double-quoted string)",
                        at: SourceLocation(line: line, column: column))
                }
                out.append(contentsOf: bytes[i..<i + length])
                i += length
                column += 1
            }
        }
        return out
    }

    /// YAML 1.2 `c-printable` above ASCII.
    private static func isPrintable(_ scalar: UInt32) -> Bool {
        scalar == 0x85 || (0xA0...0xD7FF).contains(scalar) || (0xE000...0xFFFD).contains(scalar)
            || (0x10000...0x10FFFF).contains(scalar)
    }
}
