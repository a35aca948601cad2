/// The dispatch on a node's first character, and plain scalars.
extension YAMLParser {
    /// Reads the node at the cursor: a scalar, a flow collection, or (outside flow) a block scalar.
    /// Lines that continue it must be indented more than `threshold`.
    mutating func parseNode(threshold: Int, inFlow: Bool) throws(DocumentError) -> Item {
        let start = pos
        switch peek() {
        case UInt8(ascii: "&"), UInt8(ascii: "*"):
            throw refusal(.anchorOrAlias, at: start)
        case UInt8(ascii: "!"):
            throw refusal(.tag, at: start)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            return Item(node: try parseFlowCollection(blockIndent: threshold), keyText: nil, isJSONLike: true)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let at = location(start)
            let (value, multiline) = peek() == UInt8(ascii: "\"")
                ? try parseDoubleQuoted(threshold: threshold)
                : try parseSingleQuoted(threshold: threshold)
            return Item(node: Node(.string(value), at: at), keyText: value, isMultiline: multiline, isJSONLike: true)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            if inFlow {
                throw error("block scalars ('|', '>') cannot appear inside a flow collection; use a quoted string", at: start)
            }
            return Item(node: try parseBlockScalar(parent: threshold), keyText: nil)
        default:
            try checkPlainStart(inFlow: inFlow)
            let at = location(start)
            let (value, lastLineStart) = parsePlain(threshold: threshold, inFlow: inFlow)
            return Item(node: Node(YAMLCoreSchema.resolve(value), at: at), keyText: value,
                        isMultiline: lastLineStart != nil, lastLineStart: lastLineStart)
        }
    }

    /// Indicator characters may not start a plain scalar; `-`, `?` and `:` may when a non-space
    /// character follows (`-1`, `?x`, `:x`).
    private mutating func checkPlainStart(inFlow: Bool) throws(DocumentError) {
        let c = peek()
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            let next = peek(1)
            if !YAMLByte.isWhiteOrEnd(next) && !(inFlow && YAMLByte.isFlowIndicator(next)) { return }
            if c == UInt8(ascii: "?") { throw refusal(.explicitKey, at: pos) }
            if c == UInt8(ascii: ":") { throw refusal(.emptyKey, at: pos) }
            throw error("unexpected '-': a list item cannot start inside a flow collection (quote '-' if it is a string)", at: pos)
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"):
            throw error("unexpected '\(Character(Unicode.Scalar(c)))'; expected a value", at: pos)
        case UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            throw error("'\(Character(Unicode.Scalar(c)))' is reserved in YAML and cannot start a plain value; quote the value", at: pos)
        default:
            return
        }
    }

    // MARK: Plain scalars

    /// A plain scalar, folded over its lines. Returns its text and, when it spanned lines, where
    /// the text of its last line starts.
    private mutating func parsePlain(threshold: Int, inFlow: Bool) -> (String, Int?) {
        var out: [UInt8] = []
        var lastLineStart: Int?
        while true {
            let segmentStart = pos
            var contentEnd = pos
            scan: while pos < text.count {
                let c = text[pos]
                switch c {
                case YAMLByte.lf:
                    break scan
                case YAMLByte.space, YAMLByte.tab:
                    pos += 1
                    continue scan
                case UInt8(ascii: "#"):
                    // ' #' starts a comment; 'a#b' is text.
                    if YAMLByte.isBlank(text[pos - 1]) { break scan }
                case UInt8(ascii: ":"):
                    let next = byte(at: pos + 1)
                    if YAMLByte.isWhiteOrEnd(next) || (inFlow && YAMLByte.isFlowIndicator(next)) { break scan }
                default:
                    if inFlow && YAMLByte.isFlowIndicator(c) { break scan }
                }
                pos += 1
                contentEnd = pos
            }
            out.append(contentsOf: text[segmentStart..<contentEnd])
            pos = contentEnd
            var p = contentEnd
            while YAMLByte.isBlank(byte(at: p)) { p += 1 }
            guard byte(at: p) == YAMLByte.lf,
                  let (next, breaks) = plainContinuation(after: p, threshold: threshold, inFlow: inFlow)
            else { break }
            if breaks == 0 {
                out.append(YAMLByte.space)
            } else {
                out.append(contentsOf: repeatElement(YAMLByte.lf, count: breaks))
            }
            pos = next
            lastLineStart = next
        }
        return (String(decoding: out, as: UTF8.self), lastLineStart)
    }

    /// Whether the plain scalar whose line ends at the LF `lineBreak` goes on to a later line.
    /// Returns where it continues and how many empty lines lie between.
    private func plainContinuation(after lineBreak: Int, threshold: Int, inFlow: Bool) -> (Int, Int)? {
        var p = lineBreak
        var breaks = 0
        while true {
            p += 1
            let lineStart = p
            let spaces = countSpaces(from: p)
            p += spaces
            while YAMLByte.isBlank(byte(at: p)) { p += 1 }
            let c = byte(at: p)
            if c == YAMLByte.lf {
                breaks += 1
                continue
            }
            if p >= text.count { return nil }
            if spaces == 0 && isDocumentMarker(at: lineStart) { return nil }
            if spaces <= threshold || c == UInt8(ascii: "#") { return nil }
            let next = byte(at: p + 1)
            if c == UInt8(ascii: ":") && (YAMLByte.isWhiteOrEnd(next) || (inFlow && YAMLByte.isFlowIndicator(next))) {
                return nil
            }
            if inFlow && YAMLByte.isFlowIndicator(c) { return nil }
            return (p, breaks)
        }
    }
}
