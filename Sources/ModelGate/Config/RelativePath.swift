/// Paths in a pipeline file are relative to the file's folder; this makes them usable from the
/// working directory. One rule for artifacts, data files and plug-in commands alike.
public enum RelativePath {
    public static func resolve(_ path: String, against folder: String) -> String {
        if path.hasPrefix("/") || folder == "." || folder.isEmpty { return path }
        return folder.hasSuffix("/") ? folder + path : folder + "/" + path
    }
}
