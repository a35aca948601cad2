// Depends on nothing but the standard library, so it can be fuzzed on its own
// (Tests/Fuzz/LineSplitterFuzz.swift).

/// Splits a stream of bytes into chunks of whole lines, for profiling threads to take one chunk
/// each: `\n` ends a line (a `\r` before it is dropped when the lines are read, see
/// `LineChunk.forEachLine`); a last line without `\n` is a line too. A chunk holds what one read
/// of about `chunkBytes` brought, up to its last `\n`; the rest waits for the next chunk, so a
/// line longer than a chunk grows its chunk. A line longer than `maximumLineBytes` is an error
/// naming its number, so memory stays bounded.
struct LineSplitter {
    let maximumLineBytes: Int
    let chunkBytes: Int
    /// The start of a line that the last chunk cut off.
    private var carry: [UInt8] = []
    /// Lines in the chunks filled so far.
    private(set) var lineCount = 0
    private(set) var bytesRead = 0
    private var ended = false

    struct LineTooLong: Error, Equatable {
        var line: Int
    }

    init(maximumLineBytes: Int, chunkBytes: Int) {
        precondition(chunkBytes >= 1, "a chunk holds at least one byte")
        self.maximumLineBytes = maximumLineBytes
        self.chunkBytes = chunkBytes
    }

    /// Fills `chunk` with the next whole lines, reading with `read` (which fills the buffer it is
    /// given from the start and returns how many bytes it wrote, 0 at the end of the stream).
    /// Returns false, leaving `chunk` empty, when no line is left.
    mutating func fill(_ chunk: LineChunk, read: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> Bool {
        chunk.clear()
        guard !ended else { return false }
        chunk.firstLine = lineCount + 1
        _ = chunk.append(upTo: carry.count) { buffer in
            buffer.copyBytes(from: carry)
            return carry.count
        }
        carry.removeAll(keepingCapacity: true)
        while true {
            let start = chunk.count
            let read = try chunk.append(upTo: chunkBytes, read)
            bytesRead += read
            if read == 0 {
                ended = true
                guard chunk.count > 0 else { return false }
                lineCount += 1
                chunk.lines = 1
                return true
            }
            let end = chunk.count
            let newlines = chunk.storage.withUnsafeBytes { NewlineSearch.count(in: $0, from: start, to: end) }
            if newlines > 0 {
                var last = end - 1
                while chunk.storage[last] != 0x0A { last -= 1 }
                carry.append(contentsOf: chunk.cut(at: last + 1))
                lineCount += newlines
                chunk.lines = newlines
                return true
            }
            // A line of exactly the limit plus its `\r` is still within it.
            if chunk.count > maximumLineBytes + 1 { throw LineTooLong(line: lineCount + 1) }
        }
    }
}
