/// Data made inert in Markdown: it renders as the text it is, never as markup, HTML, a link or an
/// image, and it cannot end a table cell or a code span early.
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

    /// A code span: shown exactly, in a fence of more backticks than the text has in a row. Inside
    /// a span only `|` needs escaping (GitHub splits table cells before it reads spans).
    static func codeSpan(_ text: String) -> String {
        let content = codeSpanContent(text)
        var longest = 0, run = 0
        for character in content {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = content.hasPrefix("`") || content.hasSuffix("`") || content.hasPrefix(" ") ? " \(content) " : content
        return fence + padded + fence
    }

    static func codeSpanContent(_ text: String) -> String {
        VisibleText.escaped(text).replacingAll("|", with: "\\|")
    }
}
