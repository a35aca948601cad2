/// Turns byte offsets of a text into 1-based line and column numbers.
///
/// Readers keep byte offsets while they scan and ask for a `SourceLocation` only when they make
/// a node or an error. Columns count Unicode scalars, so they match what an editor shows.
struct SourceLocator {
    private let bytes: [UInt8]
    /// The offset where each line starts; LF, CR LF and a lone CR all end a line.
    private let lineStarts: [Int]
    // Readers mostly ask for increasing offsets; remembering the last answer makes a long
    // one-line document (minified JSON) linear instead of quadratic.
    private var cachedOffset = 0
    private var cachedLine = 0
    private var cachedColumn = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                starts.append(i + 1)
            } else if b == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        lineStarts = starts
    }

    /// The 0-based index of the line holding `offset`.
    func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The offset where the line holding `offset` starts.
    func lineStart(of offset: Int) -> Int {
        lineStarts[lineIndex(of: offset)]
    }

    mutating func location(of rawOffset: Int) -> SourceLocation {
        let offset = min(max(rawOffset, 0), bytes.count)
        let line: Int
        var column: Int
        var from: Int
        let nextStart = cachedLine + 1 < lineStarts.count ? lineStarts[cachedLine + 1] : Int.max
        if offset >= cachedOffset && offset < nextStart {
            line = cachedLine
            column = cachedColumn
            from = cachedOffset
        } else {
            line = lineIndex(of: offset)
            column = 1
            from = lineStarts[line]
        }
        while from < offset {
            // Every byte that is not a UTF-8 continuation byte starts a new scalar.
            if bytes[from] & 0xC0 != 0x80 { column += 1 }
            from += 1
        }
        cachedOffset = offset
        cachedLine = line
        cachedColumn = column
        return SourceLocation(line: line + 1, column: column)
    }
}
