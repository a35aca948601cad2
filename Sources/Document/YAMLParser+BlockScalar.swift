/// Literal (`|`) and folded (`>`) block scalars, with chomping and indentation indicators.
extension YAMLParser {
    private enum Chomping { case strip, clip, keep }

    /// One line of a block scalar's body: empty, or the text after the content indentation.
    private enum BodyLine {
        case empty
        case text(Range<Int>)
    }

    /// Reads a block scalar whose indicator is at the cursor. `parent` is the indentation of the
    /// enclosing block collection; the content must be indented more. Leaves the cursor at the
    /// start of the first line after the scalar.
    mutating func parseBlockScalar(parent: Int) throws(DocumentError) -> Node {
        let start = pos
        let at = location(start)
        let literal = peek() == UInt8(ascii: "|")
        pos += 1
        let (chomping, explicitIndent) = try parseBlockHeader()
        // The top level counts as indentation 0 for an explicit indicator, as libyaml does.
        var contentIndent: Int? = explicitIndent.map { max(parent, 0) + $0 }
        var lines: [BodyLine] = []
        var leadingEmptyMax = (spaces: 0, offset: 0)

        while pos < text.count {
            let lineStart = pos
            let spaces = countSpaces(from: lineStart)
            let afterSpaces = lineStart + spaces
            let c = byte(at: afterSpaces)
            if spaces == 0 && isDocumentMarker(at: lineStart) { break }
            if YAMLByte.isBreakOrEnd(c) {
                if let indent = contentIndent, spaces > indent {
                    lines.append(.text(lineStart + indent..<afterSpaces))
                } else {
                    lines.append(.empty)
                    if contentIndent == nil && spaces > leadingEmptyMax.spaces { leadingEmptyMax = (spaces, lineStart) }
                }
                pos = afterSpaces + (c == YAMLByte.lf ? 1 : 0)
                continue
            }
            if contentIndent == nil {
                // The first line with content sets the indentation.
                if spaces > parent {
                    if leadingEmptyMax.spaces > spaces {
                        throw error("this empty line of a block scalar has more spaces than its first content line (\(spaces)); remove the trailing spaces", at: leadingEmptyMax.offset)
                    }
                    contentIndent = spaces
                } else {
                    if c == YAMLByte.tab { throw error(Self.tabIndentMessage, at: afterSpaces) }
                    break
                }
            }
            guard let indent = contentIndent, spaces >= indent else {
                if c == YAMLByte.tab { throw error(Self.tabIndentMessage, at: afterSpaces) }
                break
            }
            var lineEnd = afterSpaces
            while !YAMLByte.isBreakOrEnd(byte(at: lineEnd)) { lineEnd += 1 }
            lines.append(.text(lineStart + indent..<lineEnd))
            pos = lineEnd + (byte(at: lineEnd) == YAMLByte.lf ? 1 : 0)
        }
        let value = literal ? literalText(lines) : foldedText(lines)
        return Node(.string(chomp(value, lines: lines, chomping)), at: at)
    }

    /// The indicators after `|` or `>` (either order), then an optional comment and the line end.
    private mutating func parseBlockHeader() throws(DocumentError) -> (Chomping, Int?) {
        var chomping: Chomping?
        var indent: Int?
        while true {
            let c = peek()
            if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
                if chomping != nil { throw error("a block scalar header has only one chomping indicator ('-' or '+')", at: pos) }
                chomping = c == UInt8(ascii: "-") ? .strip : .keep
            } else if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(c) {
                if indent != nil { throw error("the indentation indicator of a block scalar is a single digit from 1 to 9", at: pos) }
                indent = Int(c - UInt8(ascii: "0"))
            } else if c == UInt8(ascii: "0") {
                throw error("the indentation indicator of a block scalar is a single digit from 1 to 9 (found '0')", at: pos)
            } else {
                break
            }
            pos += 1
        }
        let afterIndicators = pos
        skipBlanks()
        if peek() == UInt8(ascii: "#") && pos > afterIndicators {
            while !YAMLByte.isBreakOrEnd(peek()) { pos += 1 }
        }
        guard YAMLByte.isBreakOrEnd(peek()) else {
            throw error("unexpected \(found(at: pos)) after the block scalar indicator; the text of a block scalar starts on the next line", at: pos)
        }
        if peek() == YAMLByte.lf { pos += 1 }
        return (chomping ?? .clip, indent)
    }

    /// `|`: lines kept as they are, joined by line feeds (the final break is left to chomping).
    private func literalText(_ lines: [BodyLine]) -> [UInt8] {
        guard let last = lines.lastIndex(where: { if case .text = $0 { true } else { false } }) else { return [] }
        var out: [UInt8] = []
        for (i, line) in lines[...last].enumerated() {
            if case .text(let range) = line { out.append(contentsOf: text[range]) }
            if i < last { out.append(YAMLByte.lf) }
        }
        return out
    }

    /// `>`: a line break between two ordinary lines becomes a space; breaks next to empty lines or
    /// more-indented lines (those starting with white space) are kept.
    private func foldedText(_ lines: [BodyLine]) -> [UInt8] {
        var out: [UInt8] = []
        var previousIsSpaced: Bool?
        var pendingEmpty = 0
        guard let last = lines.lastIndex(where: { if case .text = $0 { true } else { false } }) else { return [] }
        for line in lines[...last] {
            guard case .text(let range) = line else {
                pendingEmpty += 1
                continue
            }
            let spaced = range.isEmpty || YAMLByte.isBlank(text[range.lowerBound])
            if let previous = previousIsSpaced {
                if !previous && !spaced && pendingEmpty == 0 {
                    out.append(YAMLByte.space)
                } else {
                    let breaks = (!previous && !spaced) ? pendingEmpty : pendingEmpty + 1
                    out.append(contentsOf: repeatElement(YAMLByte.lf, count: breaks))
                }
            } else {
                out.append(contentsOf: repeatElement(YAMLByte.lf, count: pendingEmpty))
            }
            out.append(contentsOf: text[range])
            previousIsSpaced = spaced
            pendingEmpty = 0
        }
        return out
    }

    /// Chomping decides the final line break and the trailing empty lines.
    private func chomp(_ body: [UInt8], lines: [BodyLine], _ chomping: Chomping) -> String {
        let lastText = lines.lastIndex(where: { if case .text = $0 { true } else { false } })
        var out = body
        switch chomping {
        case .strip:
            break
        case .clip:
            if lastText != nil { out.append(YAMLByte.lf) }
        case .keep:
            let trailingEmpty = lines.count - 1 - (lastText ?? -1)
            if lastText != nil { out.append(YAMLByte.lf) }
            out.append(contentsOf: repeatElement(YAMLByte.lf, count: trailingEmpty))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
