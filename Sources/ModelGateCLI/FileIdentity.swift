import Foundation

/// Which file a path names, so that two spellings of one file compare equal: `r.json`,
/// `./r.json`, a symbolic link to it and a hard link all name the same file. An existing file is
/// its device and inode (following symbolic links); a file not there yet is the canonical path
/// where it would be created.
enum FileIdentity: Hashable {
    case inode(device: UInt64, inode: UInt64)
    case future(path: String)

    init(path: String) {
        var info = stat()
        if stat(path, &info) == 0 {
            self = .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        } else {
            self = .future(path: Self.canonical(path))
        }
    }

    /// The identity of an open descriptor (stdout, stderr), nil when it is not open.
    init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self = .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The absolute path with every symbolic link in its existing folders resolved.
    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let standardized = (absolute as NSString).standardizingPath
        if let real = realPath(standardized) { return real }
        let folder = (standardized as NSString).deletingLastPathComponent
        let name = (standardized as NSString).lastPathComponent
        guard folder != standardized, !folder.isEmpty else { return standardized }
        return (canonical(folder) as NSString).appendingPathComponent(name)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
