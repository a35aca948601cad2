import Foundation

/// Putting a report's bytes where its target says, with the operating system's reason on failure.
enum ReportFile {
    struct WriteError: Error, CustomStringConvertible {
        var description: String

        init(what: String, code: Int32) { description = "\(what): \(String(cString: strerror(code)))" }
        init(_ description: String) { self.description = description }
    }

    static func write(_ bytes: [UInt8], to target: ReportTarget) throws(WriteError) {
        switch target {
        case .descriptor(let fd):
            if let code = StandardStreams.write(bytes, to: fd) { throw WriteError(String(cString: strerror(code))) }
        case .file(let path): try replace(path, with: bytes)
        case .stream(let path): try writeInto(path, bytes)
        }
    }

    /// Writes a temporary file in the same folder, then renames it over `path`: rename within one
    /// file system is atomic, so whoever reads `path` (now, or after a SIGKILL) gets one whole report.
    static func replace(_ path: String, with bytes: [UInt8]) throws(WriteError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw WriteError("cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        let name = (path as NSString).lastPathComponent
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<100 {
            temporary = ((folder.isEmpty ? "." : folder) as NSString)
                .appendingPathComponent(".\(name).modelgate-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            // 0666 less the umask, as any file a shell's `>` creates.
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw WriteError(what: "cannot create a temporary file in \(folder.isEmpty ? "." : folder)", code: errno) }
        // No fsync: the rename is atomic for every reader and against a killed process, which is
        // the promise; after a power cut the file may be empty, which never reads as a pass either,
        // and an fsync per report stalls a busy CI disk for every job sharing it.
        var failure: WriteError?
        if let code = StandardStreams.writeAll(bytes, to: fd) {
            failure = WriteError(what: "cannot write \(temporary)", code: code)
        }
        if close(fd) != 0 && failure == nil { failure = WriteError(what: "cannot write \(temporary)", code: errno) }
        if failure == nil && rename(temporary, path) != 0 { failure = WriteError(what: "cannot rename \(temporary) to \(path)", code: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// A FIFO or a device is written into as it is: it was not ours to replace. Opening a FIFO
    /// waits for its reader, which is why file reports are written before streams.
    static func writeInto(_ path: String, _ bytes: [UInt8]) throws(WriteError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw WriteError(what: "cannot open \(path)", code: errno) }
        defer { close(fd) }
        if let code = StandardStreams.writeAll(bytes, to: fd) { throw WriteError(what: "cannot write \(path)", code: code) }
    }
}
