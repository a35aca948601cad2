import Document

/// A configuration problem, located in the file the user wrote, in compiler style.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var location: SourceLocation
    public var message: String

    public init(_ message: String, path: String, at location: SourceLocation) {
        self.message = message
        self.path = path
        self.location = location
    }

    /// `gates/pipeline.yml:14:7: error: threshold for 'f1' must be …`; a place of 0:0 (a file that
    /// could not be opened, a command-line value) shows the path alone.
    public var description: String {
        if location.line > 0 {
            return "\(path):\(location.line):\(location.column): error: \(message)"
        }
        return "\(path): error: \(message)"
    }
}
