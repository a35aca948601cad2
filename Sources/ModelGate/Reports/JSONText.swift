import Document

/// How the JSON report spells strings. `JSONWriter` escapes what JSON requires; the report also
/// escapes DEL, C1 controls, line separators and bidi controls, which JSON allows raw but which
/// would act on a terminal that shows the file (`cat report.json`) or reorder what an editor shows.
enum JSONText {
    /// A whole JSON text with those characters escaped: they can only stand inside strings, where
    /// `\uXXXX` means the same character, so the document reads back unchanged.
    static func escapingInvisibles(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { $0.value >= 0x7F && VisibleText.needsEscape($0) }) else { return json }
        var out = ""
        out.reserveCapacity(json.utf8.count + 16)
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x7F && VisibleText.needsEscape(scalar) {
                out += unicodeEscape(scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The characters a JSON string holding `text` is written with (without the quotes).
    /// `asciiOnly`: every non-ASCII character as `\uXXXX`, as Python's json.dumps writes by default.
    static func escaped(_ text: String, asciiOnly: Bool = false) -> String {
        let quoted = escapingInvisibles(JSONWriter.write(Node(.string(text)), pretty: false))
        let inner = String(quoted.dropFirst().dropLast())
        guard asciiOnly else { return inner }
        var out = ""
        for scalar in inner.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else {
                for unit in String(scalar).utf16 { out += unicodeEscape(UInt32(unit)) }
            }
        }
        return out
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
