/// A model file that could not be read at all (as opposed to one read and judged), naming the file.
public struct ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `models/model.pkl: cannot open: No such file or directory`
    public var description: String { "\(path): \(reason)" }
}
