/// Writes a `Node` tree as JSON text, deterministically.
///
/// Members keep their stored order; `pretty` indents by two spaces with one entry per line
/// (empty collections stay `[]` and `{}`), otherwise the output has no white space at all. No
/// trailing newline. Integers print as integers. Doubles print in the shortest form that reads
/// back to the same value, and always as doubles: a whole value keeps its `.0` (`2.0`) or an
/// exponent (`1e+20`), so reading the output back gives `.double` again. NaN and the infinities
/// have no JSON form and print as `null`. Strings escape `"`, `\` and control characters
/// (`\n`, `\t`, ..., else `\u00XX`); all other characters are written as UTF-8.
public enum JSONWriter {
    public static func write(_ node: Node, pretty: Bool = true) -> String {
        var out: [UInt8] = []
        append(node, level: 0, pretty: pretty, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ node: Node, level: Int, pretty: Bool, to out: inout [UInt8]) {
        switch node.value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let b):
            out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i):
            out.append(contentsOf: String(i).utf8)
        case .double(let d):
            // Swift's description is the shortest text that round-trips, and it is valid JSON.
            out.append(contentsOf: (d.isFinite ? d.description : "null").utf8)
        case .string(let s):
            appendString(s, to: &out)
        case .array(let items):
            guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1, pretty: pretty, to: &out)
                append(item, level: level + 1, pretty: pretty, to: &out)
            }
            newline(level, pretty: pretty, to: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return out.append(contentsOf: "{}".utf8) }
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1, pretty: pretty, to: &out)
                appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                append(member.value, level: level + 1, pretty: pretty, to: &out)
            }
            newline(level, pretty: pretty, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ level: Int, pretty: Bool, to out: inout [UInt8]) {
        guard pretty else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    private static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            default:
                out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
