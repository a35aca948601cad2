import Document

/// Reads a JSON report file that modelgate is given back (`--baseline`, `merge`) through the one
/// file reader (`DocumentReader.readFile`): a regular file no larger than a cap, checked before a
/// byte is read, so that `/dev/zero`, a FIFO or a gigabyte of spaces is refused at once rather
/// than read into memory or waited on.
enum ReportFile {
    /// `what` names the file in messages: "baseline report", "shard report".
    static func read(_ path: String, what: String, maxBytes: Int) throws(ConfigError) -> [UInt8] {
        do throws(DocumentFileError) {
            return try DocumentReader.readFile(path, maxSize: maxBytes)
        } catch {
            let problem: String
            switch error {
            case .missing: problem = "cannot be read: No such file or directory"
            case .isDirectory, .notRegularFile: problem = "is not a regular file: modelgate reads reports from files"
            case .tooLarge(let size, let limit):
                let sizes = DocumentFileError.describeSizes(size, limit: limit)
                problem = "is \(sizes.size), larger than \(sizes.limit), more than any report modelgate writes; it was not read"
            case .unreadable(let reason): problem = "cannot be read: \(reason)"
            }
            throw ConfigError("\(what) \(problem)", path: path, at: .none)
        }
    }
}
