#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Values are found by dotted path (`output.score`, `probs.0`); values on no path are checked
// for syntax and skipped without being built. Blank lines are skipped; CRLF is accepted; JSON
// `null` and an absent path are missing values. Of duplicate keys, the last one wins (as in
// Python's json module).

/// Reads a JSON Lines file (one JSON object per line) one record at a time, in bounded memory.
public final class JSONLinesReader: RowReader {
    public let path: String
    let input: ChunkedInput
    let context: RowContext
    // `@exclusivity(unchecked)` on the per-line state: see ChunkedInput.
    let trie = PathTrie()
    private var slotsByPath: [String: Slot] = [:]
    /// Containers open at the parser's position.
    @exclusivity(unchecked) var frames: [JSONFrame] = []
    /// Unescaped strings of the current line; as long as the longest line, so never moved
    /// while a line is parsed (rows point into it).
    @exclusivity(unchecked) var scratch: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var scratchCapacity = 256
    @exclusivity(unchecked) var scratchUsed = 0
    @exclusivity(unchecked) private var rowNumber = 0
    @exclusivity(unchecked) var lineNumber = 0
    /// Bytes after `input.start` known to hold no line feed.
    @exclusivity(unchecked) private var scanned = 0
    @exclusivity(unchecked) private var atFileStart = true

    public convenience init(path: String, chunkSize: Int = defaultChunkSize,
                            maxRecordBytes: Int = defaultMaxRecordBytes) throws(TabularError) {
        self.init(input: try ChunkedInput(path: path, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes))
    }

    /// Reads JSON Lines from memory (tests, fuzzing); `name` stands for the path in error messages.
    public convenience init(bytes: [UInt8], name: String = "<memory>", chunkSize: Int = defaultChunkSize,
                            maxRecordBytes: Int = defaultMaxRecordBytes) {
        self.init(input: ChunkedInput(bytes: bytes, name: name, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes))
    }

    private init(input: ChunkedInput) {
        self.input = input
        path = input.path
        context = RowContext(path: input.path, isJSON: true)
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit { scratch.deallocate() }

    public func slot(_ name: String) throws(TabularError) -> Slot {
        if let slot = slotsByPath[name] { return slot }
        guard let node = trie.node(for: name) else {
            throw TabularError(.missingColumn, path: path,
                               message: "'\(name)' is not a field path (keys separated by dots, such as output.score)")
        }
        let slot = context.addSlot(named: name)
        trie.setSlot(slot.index, of: node)
        slotsByPath[name] = slot
        return slot
    }

    public func next() throws(TabularError) -> Row? {
        while true {
            if atFileStart {
                while input.available < 3, try input.refill() {}
                let b = input.buffer + input.start
                if input.available >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { input.start += 3 }
                atFileStart = false
            }
            let lineStart = input.start
            let searchFrom = input.buffer + lineStart + scanned
            let lineEnd: Int
            let next: Int
            if let found = memchr(searchFrom, 0x0A, input.end - lineStart - scanned) {
                lineEnd = UnsafeMutableRawPointer(found).assumingMemoryBound(to: UInt8.self) - input.buffer
                next = lineEnd + 1
            } else if !input.atEnd {
                scanned = input.available
                try refillWithinLimit()
                continue
            } else if input.available == 0 {
                return nil
            } else {
                lineEnd = input.end
                next = lineEnd
            }
            scanned = 0
            lineNumber += 1
            var contentEnd = lineEnd
            if contentEnd > lineStart, input.buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if isBlank(lineStart, contentEnd) {
                input.start = next
                continue
            }
            try parseLine(lineStart, contentEnd)
            rowNumber += 1
            input.start = next
            return Row(context: context, number: rowNumber, line: lineNumber)
        }
    }

    private func refillWithinLimit() throws(TabularError) {
        do {
            try input.refill(recordLine: lineNumber + 1)
        } catch var error where error.kind == .tooLong {
            error.message = "line longer than \(input.maxRecordBytes) bytes"
            throw error
        }
    }

    private func isBlank(_ start: Int, _ end: Int) -> Bool {
        var p = start
        while p < end, input.buffer[p] == 0x20 || input.buffer[p] == 0x09 { p += 1 }
        return p == end
    }
}
