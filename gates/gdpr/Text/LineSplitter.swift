// Depends on nothing but the standard library, so it can be fuzzed on its own
// (Tests/Fuzz/LineSplitterFuzz.swift).

/// Splits bytes that arrive in chunks into lines: `\n` ends a line and a `\r` before it is
/// dropped; a last line without `\n` is a line too. Lines inside a chunk are handed out without
/// copying; only a line that spans chunks is gathered. A line longer than `maximumLineBytes` is
/// an error naming its number.
struct LineSplitter {
    let maximumLineBytes: Int
    private var pending: [UInt8] = []
    /// Lines handed out so far.
    private(set) var lineNumber = 0

    struct LineTooLong: Error, Equatable {
        var line: Int
    }

    init(maximumLineBytes: Int) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// Hands each complete line of `chunk` (with what was pending before it) to `body`.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        var start = 0
        while let newline = chunk[start...].firstIndex(of: 0x0A) {
            if pending.isEmpty {
                try emit(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]), body)
            } else {
                pending.append(contentsOf: chunk[start..<newline])
                try checkLength(pending.count)
                let line = pending
                pending.removeAll(keepingCapacity: true)
                try line.withUnsafeBytes { try emit($0, body) }
            }
            start = newline + 1
        }
        pending.append(contentsOf: chunk[start...])
        try checkLength(pending.count)
    }

    /// Hands out the last line if the input did not end with `\n`.
    mutating func finish(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        guard !pending.isEmpty else { return }
        let line = pending
        pending.removeAll()
        try line.withUnsafeBytes { try emit($0, body) }
    }

    private mutating func emit(_ line: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        try checkLength(line.count)
        lineNumber += 1
        var end = line.count
        if end > 0, line[end - 1] == 0x0D { end -= 1 }
        try body(UnsafeRawBufferPointer(rebasing: line[0..<end]), lineNumber)
    }

    private func checkLength(_ count: Int) throws {
        // A line of exactly the limit plus its `\r` is still within it.
        if count > maximumLineBytes + 1 { throw LineTooLong(line: lineNumber + 1) }
    }
}
