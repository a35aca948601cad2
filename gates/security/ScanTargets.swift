import Foundation
import ModelGate

/// The regular files a scan reads, found from the paths the gate was given: folders are walked
/// (sorted, so reports are stable), symbolic links are not followed (a link could reach any file
/// on the machine, or loop), and what is not a regular file is a finding rather than something read.
struct ScanTargets {
    struct File: Sendable, Equatable {
        /// As reports name it: the path as written, then the path inside a folder.
        var name: String
        /// Where it is on disk.
        var path: String
        var size: Int
    }

    var files: [File] = []
    var findings: [Finding] = []
    /// Whether more files than `max_files` were found.
    private var tooMany = false

    /// Folders nested deeper than this are a finding, not walked.
    static let maximumDepth = 64

    init(_ paths: [String], resolve: (String) -> String, maxFiles: Int, maxFileBytes: Int) {
        var seen = Set<String>()
        for written in paths {
            visit(name: written, path: Self.diskPath(resolve(written)), depth: 0, maxFiles: maxFiles, maxFileBytes: maxFileBytes, seen: &seen)
        }
    }

    /// One spelling per place on disk (`m`, `m/`, `./m` and `m//` alike), so a file reached
    /// through two given paths is read once and pins and manifests find it however they name it.
    static func diskPath(_ path: String) -> String {
        let standard = (path as NSString).standardizingPath
        return standard.isEmpty ? "." : standard
    }

    private mutating func visit(name: String, path: String, depth: Int, maxFiles: Int, maxFileBytes: Int, seen: inout Set<String>) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            findings.append(SecurityRules.finding(.missingFile, path: name, message: "'\(name)' cannot be read: \(String(cString: strerror(errno)))"))
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            guard seen.insert(path).inserted else { return }
            guard files.count < maxFiles else {
                if !tooMany {
                    tooMany = true
                    findings.append(SecurityRules.finding(.limitExceeded, path: name,
                                                          message: "more than max_files (\(maxFiles)) files to scan; '\(name)' and the rest were not read"))
                }
                return
            }
            let size = Int(info.st_size)
            guard size <= maxFileBytes else {
                findings.append(SecurityRules.finding(.limitExceeded, path: name,
                                                      message: "'\(name)' is \(size) bytes, more than max_file_bytes (\(maxFileBytes)); it was not read"))
                return
            }
            files.append(File(name: name, path: path, size: size))
        case S_IFDIR:
            guard depth < Self.maximumDepth else {
                findings.append(SecurityRules.finding(.limitExceeded, path: name, message: "folders nested more than \(Self.maximumDepth) deep; '\(name)' was not read"))
                return
            }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                findings.append(SecurityRules.finding(.missingFile, path: name, message: "the folder '\(name)' cannot be listed"))
                return
            }
            for entry in entries.sorted() {
                // One spelling per file on disk, so a file reached through two given paths is read once.
                let childName = name.hasSuffix("/") ? name + entry : name + "/" + entry
                visit(name: childName, path: path.hasSuffix("/") ? path + entry : path + "/" + entry, depth: depth + 1, maxFiles: maxFiles, maxFileBytes: maxFileBytes, seen: &seen)
            }
        case S_IFLNK:
            findings.append(SecurityRules.finding(.symlink, path: name, message: "'\(name)' is a symbolic link; it was not followed"))
        default:
            findings.append(SecurityRules.finding(.specialFile, path: name, message: "'\(name)' is not a regular file (a FIFO, socket or device); it was not read"))
        }
    }
}
