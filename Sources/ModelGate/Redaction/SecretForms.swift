import Document

/// The forms in which a secret's bytes can leave modelgate: as written, base64 and hex (a plug-in
/// may echo any of them), each also as every report format escapes text. Masking these forms is
/// what lets redaction work on finished output, whatever field the text came through.
/// (Percent-encoding is matched byte by byte in `SecretRedactor`, since encoders differ in which
/// characters they encode.)
enum SecretForms {
    static func all(_ secret: String) -> [String] {
        let encoded = [secret] + base64(Array(secret.utf8)) + hex(Array(secret.utf8))
        return encoded.flatMap { form in [form] + escapers.map { $0(form) } }
    }

    /// Every way a report format escapes a piece of text. Each works character by character, so a
    /// secret inside a longer text is escaped into exactly its own escaped form.
    static let escapers: [@Sendable (String) -> String] = [
        { JSONText.escaped($0) },
        { JSONText.escaped($0, asciiOnly: true) },
        { VisibleText.escaped($0) },
        { VisibleText.escaped($0, keepingNewlines: true) },
        { JUnitReporter.xml(VisibleText.escaped($0)) },
        { JUnitReporter.xml(VisibleText.escaped($0, keepingNewlines: true)) },
        { MarkdownText.inline($0) },
    ]

    // MARK: Base64

    /// Standard and URL-safe alphabets, with and without padding; and, for a secret inside a longer
    /// encoded text, the characters that depend on the secret's bytes alone at each of the three
    /// byte alignments (the one or two characters at either end mix in the neighbours' bits).
    static func base64(_ bytes: [UInt8]) -> [String] {
        var forms: [String] = []
        for urlSafe in [false, true] {
            let padded = encode(bytes, urlSafe: urlSafe)
            forms.append(padded)
            forms.append(String(padded.prefix { $0 != "=" }))
            for alignment in 0..<3 {
                let shifted = [UInt8](repeating: 0, count: alignment) + bytes
                let characters = Array(encode(shifted, urlSafe: urlSafe).prefix { $0 != "=" })
                let first = (alignment * 8 + 5) / 6
                let end = (shifted.count * 8) / 6
                if end > first { forms.append(String(characters[first..<end])) }
            }
        }
        return forms
    }

    static func encode(_ bytes: [UInt8], urlSafe: Bool) -> String {
        let alphabet = Array((urlSafe ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                                      : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"))
        var out = ""
        var i = 0
        while i < bytes.count {
            let count = min(3, bytes.count - i)
            let b0 = UInt32(bytes[i]), b1 = count > 1 ? UInt32(bytes[i + 1]) : 0, b2 = count > 2 ? UInt32(bytes[i + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            for k in 0..<4 {
                out.append(k <= count ? alphabet[Int((group >> (18 - 6 * UInt32(k))) & 63)] : "=")
            }
            i += 3
        }
        return out
    }

    // MARK: Hex

    static func hex(_ bytes: [UInt8]) -> [String] {
        [true, false].map { upper in bytes.map { hexByte($0, upper: upper) }.joined() }
    }

    private static func hexByte(_ byte: UInt8, upper: Bool) -> String {
        let digits = Array(upper ? "0123456789ABCDEF" : "0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
