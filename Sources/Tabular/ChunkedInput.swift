#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a file or of memory, exposed as one window [start, end) over a reusable buffer.
///
/// A reader consumes records from the front of the window; when a record runs past its end, the
/// reader asks for more: the unconsumed tail moves to the front and the next chunk lands behind
/// it. Only a partial record is ever copied, and memory stays at one chunk plus the longest
/// record (bounded by `maxRecordBytes`).
///
/// The hot properties are `@exclusivity(unchecked)`: a reader is used by one thread (it is not
/// Sendable) and never holds an access across a call, so the per-access runtime check, which
/// measured about a tenth of the reading time, would only ever pass.
final class ChunkedInput {
    private enum Source {
        case file(Int32)
        case memory([UInt8], position: Int)
        case closed
    }

    let path: String
    private var source: Source
    private let chunkSize: Int
    let maxRecordBytes: Int
    @exclusivity(unchecked) private(set) var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The window of bytes read and not yet consumed.
    @exclusivity(unchecked) var start = 0
    @exclusivity(unchecked) private(set) var end = 0
    @exclusivity(unchecked) private(set) var atEnd = false

    init(path: String, chunkSize: Int, maxRecordBytes: Int) throws(TabularError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw TabularError(.io, path: path, message: "cannot open: \(systemError(errno))")
        }
        self.path = path
        source = .file(fd)
        self.chunkSize = max(1, chunkSize)
        self.maxRecordBytes = maxRecordBytes
        capacity = self.chunkSize
        buffer = .allocate(capacity: capacity)
    }

    init(bytes: [UInt8], name: String, chunkSize: Int, maxRecordBytes: Int) {
        path = name
        source = .memory(bytes, position: 0)
        self.chunkSize = max(1, chunkSize)
        self.maxRecordBytes = maxRecordBytes
        capacity = self.chunkSize
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        if case .file(let fd) = source { close(fd) }
        buffer.deallocate()
    }

    var available: Int { end - start }

    /// Reads the next chunk behind the unconsumed bytes. Returns false, and sets `atEnd`, when
    /// the source has no more bytes. `recordLine` locates a too-long-record error.
    @discardableResult
    func refill(recordLine: Int? = nil) throws(TabularError) -> Bool {
        if atEnd { return false }
        if start > 0 {
            if end > start { memmove(buffer, buffer + start, end - start) }
            end -= start
            start = 0
        }
        if end == capacity {
            guard capacity < maxRecordBytes else {
                throw TabularError(.tooLong, path: path, line: recordLine,
                                   message: "record longer than \(maxRecordBytes) bytes")
            }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: min(capacity * 2, maxRecordBytes))
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity = min(capacity * 2, maxRecordBytes)
        }
        let wanted = min(chunkSize, capacity - end)
        let count = try readSource(into: buffer + end, count: wanted)
        if count == 0 {
            atEnd = true
            closeSource()
            return false
        }
        end += count
        return true
    }

    private func readSource(into target: UnsafeMutablePointer<UInt8>, count: Int) throws(TabularError) -> Int {
        switch source {
        case .file(let fd):
            while true {
                let n = read(fd, target, count)
                if n >= 0 { return n }
                if errno == EINTR { continue }
                throw TabularError(.io, path: path, message: "cannot read: \(systemError(errno))")
            }
        case .memory(let bytes, let position):
            let n = min(count, bytes.count - position)
            if n == 0 { return 0 }
            bytes.withUnsafeBufferPointer { whole in
                target.update(from: whole.baseAddress! + position, count: n)
            }
            source = .memory(bytes, position: position + n)
            return n
        case .closed:
            return 0
        }
    }

    private func closeSource() {
        if case .file(let fd) = source { close(fd) }
        source = .closed
    }
}

func systemError(_ code: Int32) -> String {
    String(cString: strerror(code))
}
