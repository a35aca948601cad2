/// Text from data (a slice label, a plug-in's summary, a path) made safe to show: every character
/// that moves the cursor, changes the terminal or reorders what is shown is written as a visible
/// escape instead, so data can neither rewrite a line (`\r`, ESC sequences) nor start one of its
/// own that would read as modelgate's (a fake `verdict:` line), nor reverse what a reader sees.
public enum VisibleText {
    /// `keepingNewlines`: a log shown as a block keeps its line breaks (JUnit's system-err); every
    /// other character above is still escaped.
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if keepingNewlines && scalar == "\n" {
                out.unicodeScalars.append(scalar)
            } else if needsEscape(scalar) {
                out += escape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0 and C1 controls and DEL (ESC, CR, NEL among them), line and paragraph separators, and the
    /// bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin).
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
        guard value >= 0x200E else { return value == 0x061C }
        switch scalar.properties.generalCategory {
        case .lineSeparator, .paragraphSeparator: return true
        default: return scalar.properties.isBidiControl
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
    }
}
