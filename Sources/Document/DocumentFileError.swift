/// Why a document file was not read. Each case words itself without the path: the caller's
/// message names the file and what it is ("pipeline file", "baseline report").
public enum DocumentFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing
    case isDirectory
    /// A FIFO, device or socket: reading one could block or never end.
    case notRegularFile
    /// `size` is the file's size as the file system reports it, found before reading anything.
    case tooLarge(size: Int, limit: Int)
    /// The system's reason, such as "Permission denied".
    case unreadable(String)

    public var description: String {
        switch self {
        case .missing: return "no such file"
        case .isDirectory: return "is a folder, not a file"
        case .notRegularFile: return "is not a regular file (a pipe, device or socket)"
        case .tooLarge(let size, let limit):
            let sizes = Self.describeSizes(size, limit: limit)
            return "is \(sizes.size), more than the \(sizes.limit) allowed"
        case .unreadable(let reason): return "cannot be read: \(reason)"
        }
    }

    /// A size and the limit it broke, rounded, or in bytes when rounding makes them read the same.
    public static func describeSizes(_ size: Int, limit: Int) -> (size: String, limit: String) {
        let (rounded, roundedLimit) = (describeSize(size), describeSize(limit))
        guard rounded == roundedLimit else { return (rounded, roundedLimit) }
        return ("\(size) bytes", "\(limit) bytes")
    }

    /// A byte count for messages: exact below 1 KiB, else in KiB, MiB or GiB with one decimal.
    public static func describeSize(_ bytes: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard bytes >= 1024 else { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = (value * 10).rounded()
        let text = tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))" : "\(tenths / 10)"
        return "\(text) \(units[unit])"
    }
}
