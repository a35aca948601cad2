import Foundation

/// The gate types a run can use: the built-in ones, and external plug-ins found on disk.
public struct GateRegistry: Sendable {
    public let builtins: [any Gate.Type]
    /// Where `modelgate-gate-<type>` executables are looked for before PATH.
    public var pluginDirectories: [String]
    public var searchPath: String?

    public init(builtins: [any Gate.Type], pluginDirectories: [String] = [],
                searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) {
        self.builtins = builtins
        self.pluginDirectories = pluginDirectories
        self.searchPath = searchPath
    }

    public func builtin(_ type: String) -> (any Gate.Type)? {
        builtins.first { $0.descriptor.type == type }
    }

    public var builtinTypes: [String] { builtins.map { $0.descriptor.type } }

    /// The executable for an external gate type, from the plug-in folders or PATH.
    public func pluginExecutable(for type: String) -> String? {
        let name = "modelgate-gate-\(type)"
        let pathFolders = (searchPath ?? "").split(separator: ":").map(String.init)
        for folder in pluginDirectories + pathFolders where !folder.isEmpty {
            let candidate = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
