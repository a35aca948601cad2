#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Judges where a tensor's external data lives, as onnxruntime would read it: the `location` is
/// joined to the model's folder, so an absolute one, one that climbs out with `..` (on either
/// kind of separator, since the model may be served on Windows), or one that a symbolic link
/// carries outside the folder reads another file of the serving machine. Without a folder (a model
/// inside an archive) only the location's own shape is judged. Files are resolved once each.
struct OnnxExternalData {
    /// The model's folder on disk, or nil.
    let folder: String?
    private var realFolder: String??
    private var resolved: [String: Resolution] = [:]

    private enum Resolution {
        case file(size: UInt64)
        case problem(OnnxRule, String)
    }

    init(folder: String?) { self.folder = folder }

    /// The problems of one tensor's external data, each with a key that folds repeats together.
    mutating func problems(location bytes: UnsafeRawBufferPointer?, offset: String?, length: String?) -> [(rule: OnnxRule, key: String, message: String)] {
        guard let bytes else { return [(.externalDataUnreadable, "no-location", "a tensor stored as external data names no location")] }
        guard !bytes.contains(0) else { return [(.externalDataUnreadable, "nul", "an external data location holds a NUL byte, so readers disagree on the file it names")] }
        guard let location = String(validating: bytes, as: UTF8.self) else {
            return [(.externalDataUnreadable, "utf8", "an external data location is not UTF-8")]
        }
        let shown = "external data location '\(ZipDirectory.printable(location))'"
        if location.isEmpty { return [(.externalDataUnreadable, "empty", "an external data location is empty")] }
        if Self.isAbsolute(location) { return [(.externalDataEscape, location, shown + " is absolute")] }
        if Self.climbsOut(location) { return [(.externalDataEscape, location, shown + " climbs out of the model's folder with '..'")] }
        guard let folder else { return [] }
        let resolution = resolve(location, in: folder)
        guard case let .file(size) = resolution else {
            if case let .problem(rule, problem) = resolution { return [(rule, location, shown + " " + problem)] }
            return []
        }
        var problems: [(rule: OnnxRule, key: String, message: String)] = []
        func count(_ text: String?, _ name: String) -> UInt64? {
            guard let text else { return 0 }
            if let value = UInt64(text), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return value }
            problems.append((.externalDataUnreadable, location + "|" + name,
                             shown + " has \(name) '\(ZipDirectory.printable(String(text.prefix(40))))', which is not a byte count"))
            return nil
        }
        guard let start = count(offset, "offset"), let bytesToRead = count(length, "length") else { return problems }
        let (end, overflow) = start.addingReportingOverflow(bytesToRead)
        if start > size || overflow || end > size {
            problems.append((.externalDataUnreadable, location + "|range",
                             shown + " is read from byte \(start)" + (length == nil ? "" : " for \(bytesToRead) bytes")
                                 + ", past the end of the file's \(size) bytes"))
        }
        return problems
    }

    static func isAbsolute(_ location: String) -> Bool {
        let bytes = Array(location.utf8)
        if bytes.first == UInt8(ascii: "/") || bytes.first == UInt8(ascii: "\\") { return true }
        return bytes.count >= 2 && bytes[1] == UInt8(ascii: ":")   // C:data.bin, C:\data.bin
    }

    /// Whether `..` segments take the path above its start at some point (`a/../b` does not).
    static func climbsOut(_ location: String) -> Bool {
        var depth = 0
        for segment in location.split(whereSeparator: { $0 == "/" || $0 == "\\" }) {
            if segment == ".." {
                depth -= 1
                if depth < 0 { return true }
            } else if segment != "." {
                depth += 1
            }
        }
        return false
    }

    private mutating func resolve(_ location: String, in folder: String) -> Resolution {
        if let known = resolved[location] { return known }
        let resolution: Resolution
        if realFolder == nil { realFolder = .some(Self.realPath(folder)) }
        if let base = realFolder ?? nil {
            resolution = Self.resolve(folder + "/" + location, base: base)
        } else {
            resolution = .problem(.externalDataUnreadable, "cannot be checked: the model's folder '\(folder)' cannot be resolved")
        }
        if resolved.count < 4096 { resolved[location] = resolution }
        return resolution
    }

    private static func resolve(_ path: String, base: String) -> Resolution {
        guard let real = realPath(path) else {
            let reason = String(cString: strerror(errno))
            return .problem(.externalDataUnreadable, errno == ENOENT || errno == ENOTDIR ? "is missing" : "cannot be resolved: \(reason)")
        }
        guard real.hasPrefix(base == "/" ? "/" : base + "/") else {
            return .problem(.externalDataEscape, "resolves through a symbolic link to '\(ZipDirectory.printable(real))', outside the model's folder")
        }
        var info = stat()
        guard stat(real, &info) == 0 else { return .problem(.externalDataUnreadable, "cannot be read: " + String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .problem(.externalDataUnreadable, "is not a regular file (a FIFO or device can block or never end)")
        }
        return .file(size: UInt64(info.st_size))
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
