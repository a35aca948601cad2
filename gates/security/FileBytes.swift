import Foundation
import ModelGate
#if canImport(Glibc)
import Glibc
#endif

/// One regular file at a time, read from disk into memory in one pass; the digest, the secret
/// scan, the format sniffing and the model-file scan then all work on these bytes, so each byte
/// is read from disk once. The allocation is kept from file to file (2,000 small files cost one).
///
/// Why read rather than map: a mapped file that another process truncates while we read it
/// raises SIGBUS on the next page we touch, a crash; a read that comes up short is a clear error.
/// Chunked reading is not enough either, as the model-file scan needs the whole file (a zip's
/// directory is at its end, a pickle's memo refers back). The price: the largest file scanned is
/// held whole (bounded by `max_file_bytes`), and filling fresh memory costs about 0.1 s of kernel
/// time per 200 MB more than a mapping would (measured with Tests/Scripts/bench-security.sh).
final class FileBytes {
    private var storage: UnsafeMutableRawPointer?
    private var capacity = 0

    /// Read in pieces this large, so cancellation is honoured within a big file.
    static let pieceSize = 64 << 20

    deinit { release() }

    /// Opens only a regular file (checked again on what was opened, without following a link and
    /// without blocking on a FIFO swapped in since the folder was walked) and reads it whole.
    /// The bytes are valid until the next call.
    func read(_ file: ScanTargets.File, maxBytes: Int) throws -> UnsafeRawBufferPointer {
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard descriptor >= 0 else { throw GateFailure("cannot open '\(file.name)': \(Self.errorText())") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw GateFailure("'\(file.name)' is no longer a regular file")
        }
        let size = Int(info.st_size)
        guard size <= maxBytes else {
            throw GateFailure("'\(file.name)' grew to \(size) bytes while the scan ran, past max_file_bytes (\(maxBytes))")
        }
        // Past the machine's memory the allocation would fail or the kernel would end the process:
        // say so instead.
        guard size < Self.physicalMemory else {
            throw GateFailure("'\(file.name)' is \(size) bytes, more than this machine's memory (\(Self.physicalMemory) bytes); the gate holds each file in memory while it scans it")
        }
        // One byte more than the size, to see a file that grows while it is read.
        let base = try reserve(size + 1)
        var count = 0
        while count <= size {
            try Task.checkCancellation()
            let got = Glibc.read(descriptor, base + count, min(Self.pieceSize, size + 1 - count))
            if got < 0 {
                if errno == EINTR { continue }
                throw GateFailure("cannot read '\(file.name)': \(Self.errorText())")
            }
            if got == 0 { break }
            count += got
        }
        guard count == size else {
            throw GateFailure(count > size ? "'\(file.name)' grew past its \(size) bytes while it was read; scan it again when nothing writes to it"
                                           : "'\(file.name)' shrank while it was read: \(count) of its \(size) bytes were there; scan it again when nothing writes to it")
        }
        return UnsafeRawBufferPointer(start: base, count: size)
    }

    /// Anonymous memory, populated when mapped rather than page by page as `read` fills it.
    /// Huge pages (`MADV_HUGEPAGE`) cut the system time of reading 200 MB from 0.1 s to 0.03 s
    /// here, but when the kernel first had to compact memory for them a scan stalled for a
    /// second, so they are not asked for.
    private func reserve(_ bytes: Int) throws -> UnsafeMutableRawPointer {
        if let storage, capacity >= bytes { return storage }
        release()
        let rounded = max(bytes, 1 << 20)
        let mapped = mmap(nil, rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw GateFailure("cannot hold \(bytes) bytes in memory to scan a file (\(Self.errorText())); lower max_file_bytes or scan on a larger machine")
        }
        storage = mapped
        capacity = rounded
        return mapped
    }

    private func release() {
        if let storage { munmap(storage, capacity) }
        storage = nil
        capacity = 0
    }

    static let physicalMemory = sysconf(Int32(_SC_PHYS_PAGES)) * sysconf(Int32(_SC_PAGESIZE))

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
