// Depends on nothing but the standard library, so it can be fuzzed on its own
// (Tests/Fuzz/LineSplitterFuzz.swift).

/// Whole lines of a file, filled by `LineSplitter`: the unit of work a profiling thread takes,
/// with the number of its first line so that every line keeps its number in the file.
final class LineChunk: @unchecked Sendable {
    // @unchecked Sendable: a chunk is filled by the reading thread, then handed whole to one
    // worker through a locked queue, so one thread at a time touches it.
    /// The lines' bytes in `storage[0..<count]`, each ending with `\n` except a file's last line.
    private(set) var storage: [UInt8] = []
    private(set) var count = 0
    /// The number (from 1) of the first line, and how many lines the chunk holds.
    var firstLine = 1
    var lines = 0

    init() {}

    func clear() {
        count = 0
        lines = 0
    }

    /// Calls `body` with all the chunk's bytes: its lines with their `\n` (and `\r`).
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    /// Calls `body` with each line (without its `\n`, and without a `\r` before it) and its
    /// number; a line longer than `maximumLineBytes` (a `\r` aside) is an error naming it.
    func forEachLine(maximumLineBytes: Int, _ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        try storage.withUnsafeBytes { all in
            var start = 0
            var number = firstLine
            while start < count {
                let newline = NewlineSearch.next(in: all, from: start, to: count)
                // A line of exactly the limit plus its `\r` is still within it.
                if newline - start > maximumLineBytes + 1 { throw LineSplitter.LineTooLong(line: number) }
                var end = newline
                if end > start, all[end - 1] == 0x0D { end -= 1 }
                try body(UnsafeRawBufferPointer(rebasing: all[start..<end]), number)
                number += 1
                start = newline + 1
            }
        }
    }

    /// Makes room for `extra` more bytes after `count`, and lets `body` write them; `body` returns
    /// how many it wrote.
    func append(upTo extra: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows -> Int {
        if storage.count < count + extra { storage += repeatElement(0, count: max(count + extra, storage.count * 2) - storage.count) }
        let written = try storage.withUnsafeMutableBytes { try body(UnsafeMutableRawBufferPointer(rebasing: $0[count..<count + extra])) }
        count += written
        return written
    }

    /// Cuts the chunk after `end` bytes and returns the bytes cut off.
    func cut(at end: Int) -> ArraySlice<UInt8> {
        let tail = storage[end..<count]
        count = end
        return tail
    }
}
