/// Data made inert in Markdown: it renders as the text it is, never as markup, HTML, a link or an
/// image, and it cannot end a table cell early. (Data is never put in a code span: inside one a
/// backslash escapes nothing, so `\|` from data would still end the cell.)
enum MarkdownText {
    /// Text in a table cell or a heading: controls made visible (so no line break can start a new
    /// block), HTML's `<`, `>` and `&` as entities (no comment `<!--` can hide the rest of the report,
    /// no tag or autolink renders), and Markdown's punctuation backslash-escaped.
    static func inline(_ text: String) -> String {
        var out = ""
        for scalar in VisibleText.escaped(text).unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~": out += "\\" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
