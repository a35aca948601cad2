/// Turns byte offsets of a text into 1-based line and column numbers.
///
/// Readers keep byte offsets while they scan and ask for a `SourceLocation` only when they make
/// a node or an error, almost always at increasing offsets. So the locator keeps only its last
/// answer and walks from there: reading a document costs one extra pass at most, and no memory
/// per line. Going back (error messages) walks back the distance. Columns count Unicode scalars,
/// so they match what an editor shows; LF, CR LF and a lone CR each end a line.
///
/// The text is passed to each call rather than stored, so a parser holding a locator holds one
/// reference to its text, not two.
struct SourceLocator {
    private var offset = 0
    /// 0-based line of `offset`, and where that line starts.
    private var line = 0
    private var lineStart = 0
    private var column = 1

    mutating func location(of rawOffset: Int, in bytes: [UInt8]) -> SourceLocation {
        let target = min(max(rawOffset, 0), bytes.count)
        if target < lineStart {
            moveBack(to: target, in: bytes)
        } else if target < offset {
            offset = lineStart
            column = 1
        }
        while offset < target {
            if Self.endsLine(at: offset, in: bytes) {
                line += 1
                lineStart = offset + 1
                column = 1
            } else if bytes[offset] & 0xC0 != 0x80 {
                // Every byte that is not a UTF-8 continuation byte starts a new scalar.
                column += 1
            }
            offset += 1
        }
        return SourceLocation(line: line + 1, column: column)
    }

    /// Whether the byte at `index` is the last of a line break.
    private static func endsLine(at index: Int, in bytes: [UInt8]) -> Bool {
        switch bytes[index] {
        case 0x0A: return true
        case 0x0D: return index + 1 >= bytes.count || bytes[index + 1] != 0x0A
        default: return false
        }
    }

    /// Moves to the start of the line holding `target`, which lies before the current line.
    private mutating func moveBack(to target: Int, in bytes: [UInt8]) {
        var p = lineStart - 1
        while p >= target {
            if Self.endsLine(at: p, in: bytes) { line -= 1 }
            p -= 1
        }
        while p >= 0 && !Self.endsLine(at: p, in: bytes) { p -= 1 }
        lineStart = p + 1
        offset = lineStart
        column = 1
    }
}
