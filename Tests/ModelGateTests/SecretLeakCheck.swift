import Document
import Foundation
@testable import ModelGate

/// The forms a secret can take, computed here with Foundation (not with `SecretForms`), and a check
/// that none of them is in a text, also once the text's own escaping is undone.
struct SecretLeakCheck {
    let secret: String

    /// As written, percent-encoded (upper and lower hex, `%20` and `+`), hex, and base64 (standard and
    /// URL-safe, with and without padding) of the secret alone and inside longer bytes at each alignment.
    var forms: [String] {
        let bytes = Array(secret.utf8)
        var forms = [secret]
        let upper = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let lower = Self.lowercasingPercentEscapes(upper)
        forms += [upper, lower, upper.replacingOccurrences(of: "%20", with: "+"), lower.replacingOccurrences(of: "%20", with: "+")]
        forms += [bytes.map { String(format: "%02x", $0) }.joined(), bytes.map { String(format: "%02X", $0) }.joined()]
        for text in Self.base64Variants(Data(bytes)) { forms.append(text) }
        for alignment in 0..<3 { forms += Self.embeddedBase64Cores(bytes, alignment: alignment) }
        return forms
    }

    /// Each variant of the secret wrapped in other bytes at `alignment` (0, 1 or 2 bytes before it):
    /// the characters of the encoding that the secret's bits alone determine.
    static func embeddedBase64Cores(_ secret: [UInt8], alignment: Int) -> [String] {
        let wrapped = [UInt8](repeating: 0x41, count: alignment) + secret + [0x42, 0x43, 0x44]
        let first = (alignment * 8 + 5) / 6, end = ((alignment + secret.count) * 8) / 6
        return base64Variants(Data(wrapped)).map { String(Array($0)[first..<end]) }
    }

    /// A text holding each variant of the secret inside longer bytes at `alignment`, as a plug-in might echo.
    static func embeddedBase64(_ secret: String, alignment: Int) -> [String] {
        let wrapped = [UInt8](repeating: 0x41, count: alignment) + Array(secret.utf8) + [0x42, 0x43, 0x44]
        return base64Variants(Data(wrapped))
    }

    static func base64Variants(_ data: Data) -> [String] {
        let standard = data.base64EncodedString()
        let urlSafe = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return [standard, urlSafe, standard.replacingOccurrences(of: "=", with: ""), urlSafe.replacingOccurrences(of: "=", with: "")]
    }

    static func lowercasingPercentEscapes(_ text: String) -> String {
        var out = "", pending = 0
        for character in text {
            if character == "%" { pending = 2; out.append(character); continue }
            if pending > 0 { out += character.lowercased(); pending -= 1 } else { out.append(character) }
        }
        return out
    }

    /// The forms found in `output` or in its unescaped readings (JSON, XML and HTML entities,
    /// Markdown's backslashes, the console's visible escapes); empty when nothing leaks.
    func leaks(in output: String) -> [String] {
        let readings = Self.readings(of: output)
        return forms.filter { form in readings.contains { $0.contains(form) } }
    }

    static func readings(of output: String) -> [String] {
        var readings = [output]
        if let node = try? JSONReader.read(Array(output.utf8)) { readings.append(strings(in: node).joined(separator: "\n")) }
        let entities = output.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#10;", with: "\n").replacingOccurrences(of: "&amp;", with: "&")
        readings.append(entities)
        var unslashed = ""
        var escaped = false
        for character in entities {
            if escaped || character != "\\" { unslashed.append(character); escaped = false } else { escaped = true }
        }
        readings.append(unslashed)
        readings.append(unescapingVisible(output))
        return readings
    }

    /// `\u{1B}`, `\n`, `\r`, `\t` back to the characters the console and JUnit show them for.
    static func unescapingVisible(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\r", with: "\r")
            .replacingOccurrences(of: "\\t", with: "\t")
        let pattern = try! NSRegularExpression(pattern: #"\\u\{([0-9A-F]+)\}"#)
        while let match = pattern.firstMatch(in: out, range: NSRange(out.startIndex..., in: out)) {
            let hex = String(out[Range(match.range(at: 1), in: out)!])
            let scalar = String(Unicode.Scalar(UInt32(hex, radix: 16)!).map(Character.init) ?? "?")
            out.replaceSubrange(Range(match.range, in: out)!, with: scalar)
        }
        return out
    }

    static func strings(in node: Node) -> [String] {
        switch node.value {
        case .string(let text): return [text]
        case .array(let items): return items.flatMap(strings)
        case .object(let members): return members.flatMap { [$0.key] + strings(in: $0.value) }
        default: return []
        }
    }
}
