/// Telling an unterminated quoted scalar from one whose lines are badly indented, so the error
/// points at the mistake: where the quote opened, or the line that is not indented enough.
extension YAMLParser {
    /// Whether the next quote that would close the scalar opened at `open`, looking from `from`,
    /// is followed by what may follow a value. When it is, the lines up to it were meant as the
    /// scalar's text; when it is not (`key: "value"`, or no quote before the end), that quote
    /// opens another value and the scalar above lacks its closing quote.
    func closingQuoteFollows(open: Int, from: Int) -> Bool {
        let quote = text[open]
        var p = from
        while p < text.count {
            let c = text[p]
            if quote == UInt8(ascii: "\""), c == UInt8(ascii: "\\") {
                p += 2
                continue
            }
            if c == quote {
                if quote == UInt8(ascii: "'"), byte(at: p + 1) == quote {
                    p += 2
                    continue
                }
                return Self.mayFollowValue(byte(at: p + 1))
            }
            p += 1
        }
        return false
    }

    /// A quote that closes a scalar but stands where values open, after white space or `,[{:`,
    /// and is followed by text (`["a, "b"]`, or `"2.4.0"` on a later line) is the opening quote
    /// of the next value: the scalar's own closing quote is missing. Valid YAML never has text
    /// right after a closing quote, so this changes only which error is reported, and where.
    mutating func checkClosingQuote(open: Int) throws(DocumentError) {
        let close = pos - 1
        guard !Self.mayFollowValue(peek()) else { return }
        switch byte(at: close - 1) {
        case YAMLByte.space, YAMLByte.tab, YAMLByte.lf,
             UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ":"):
            throw unterminated(open, .closedByAnotherQuote(close))
        default:
            return
        }
    }

    /// What may come right after a quoted scalar in block or flow context; anything else is an error.
    private static func mayFollowValue(_ b: UInt8) -> Bool {
        switch b {
        case YAMLByte.space, YAMLByte.tab, YAMLByte.lf, 0,
             UInt8(ascii: "#"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }

    /// Why a quoted scalar is taken to be unterminated.
    enum UnterminatedEvidence {
        case endOfFile
        /// The line starting here can neither continue the scalar nor close it.
        case lineCannotContinue(Int, isMarker: Bool)
        /// The quote here closed the scalar, but text follows it: it opens another value.
        case closedByAnotherQuote(Int)
    }

    /// An unterminated quoted scalar, reported where it opened, with what shows it is unterminated.
    mutating func unterminated(_ open: Int, _ evidence: UnterminatedEvidence) -> DocumentError {
        let quote = Character(Unicode.Scalar(text[open]))
        let why: String
        switch evidence {
        case .endOfFile:
            why = "its closing quote (\(quote)) is missing before the end of the file"
        case .lineCannotContinue(let lineStart, let isMarker):
            let line = location(lineStart).line
            why = "its closing quote (\(quote)) is missing before line \(line), "
                + (isMarker ? "a document marker" : "which is not indented enough to continue it")
        case .closedByAnotherQuote(let at):
            why = "its closing quote (\(quote)) is missing: the quote at \(location(at)) that would close it is followed by \(found(at: at + 1)), so it opens another value"
        }
        return error("unterminated \(Self.quoteKind(text[open])) string that starts here; \(why)", at: open)
    }

    static func quoteKind(_ quote: UInt8) -> String {
        quote == UInt8(ascii: "'") ? "single-quoted" : "double-quoted"
    }
}
