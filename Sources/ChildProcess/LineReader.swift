// Reading a child's stdout one line at a time: what one read() brings may hold part of a line or
// several lines, and a line may never end.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes read from a non-blocking descriptor and not yet handed out as lines.
struct LineReader {
    enum Fill {
        case bytes, wouldBlock, ended
        case failed(Int32)
    }

    var fd: Int32
    /// Longest line accepted, without its newline.
    let limit: Int
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var start = 0
    /// How far past `start` is known to hold no newline, so a long line is not searched again per read.
    private var searched = 0
    /// End of file was read: no more bytes will come.
    private(set) var ended = false
    /// What one read() fills, allocated at the first read rather than once per call.
    private var scratch: [UInt8] = []

    init(fd: Int32, limit: Int) {
        self.fd = fd
        self.limit = max(1, limit)
    }

    /// Bytes read and not handed out.
    var pending: Int { buffer.count - start }

    /// The next whole line (without its newline), or nil until more bytes are read. The slice
    /// shares the buffer: use it before the next call.
    mutating func nextLine() throws(ChildProcess.StreamError) -> ArraySlice<UInt8>? {
        let from = start + searched
        guard let newline = buffer[from...].firstIndex(of: UInt8(ascii: "\n")) else {
            searched = buffer.count - start
            if searched > limit { throw .lineTooLong(limit: limit) }
            return nil
        }
        guard newline - start <= limit else { throw .lineTooLong(limit: limit) }
        let line = buffer[start..<newline]
        start = newline + 1
        searched = 0
        return line
    }

    /// Bytes as read, after those already buffered.
    mutating func append(_ bytes: ArraySlice<UInt8>) {
        // Handed-out lines are dropped before the buffer grows, so it holds at most one line
        // plus one read: memory stays bounded by the limit however much the child prints.
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start >= 1 << 16 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// One read() of what the child wrote.
    mutating func fill() -> Fill {
        guard !ended else { return .ended }
        if scratch.isEmpty { scratch = [UInt8](repeating: 0, count: 1 << 16) }
        let fd = fd
        let count = scratch.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count > 0 {
            append(scratch[0..<count])
            return .bytes
        }
        if count == 0 {
            ended = true
            return .ended
        }
        return errno == EAGAIN || errno == EINTR ? .wouldBlock : .failed(errno)
    }
}
