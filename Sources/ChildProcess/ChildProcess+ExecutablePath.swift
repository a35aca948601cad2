extension ChildProcess {
    /// The file `executable` would run, found exactly as `run` finds it, so `modelgate validate`
    /// can refuse a plug-in that a run could not start.
    public static func executablePath(for executable: String) throws(LaunchError) -> String {
        try Launcher.resolve(executable)
    }
}
