#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file mapped read-only into memory, so a scan reads each byte once from the page cache with
/// no copy into a buffer of ours. Unmapped when the value is released.
final class MappedFile {
    private let address: UnsafeMutableRawPointer?
    let count: Int

    init(path: String) throws(ModelFileError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ModelFileError(path: path, reason: "cannot open: " + Self.errorText()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ModelFileError(path: path, reason: "cannot stat: " + Self.errorText())
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw ModelFileError(path: path, reason: "not a regular file")
        }
        count = Int(status.st_size)
        guard count > 0 else {
            address = nil
            return
        }
        let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw ModelFileError(path: path, reason: "cannot map: " + Self.errorText())
        }
        _ = madvise(mapped, count, MADV_SEQUENTIAL)
        address = mapped
    }

    deinit {
        if let address { munmap(address, count) }
    }

    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        body(UnsafeRawBufferPointer(start: address.map { UnsafeRawPointer($0) }, count: count))
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
