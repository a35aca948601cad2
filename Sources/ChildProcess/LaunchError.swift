// Why a program could not be started, in words a pipeline author can act on.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ChildProcess {
    /// A program that could not be started; every case names the file or directory involved.
    public enum LaunchError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A path that does not exist, or a bare name found in no absolute `PATH` directory.
        case notFound(String)
        /// The file exists but is not an executable regular file.
        case notExecutable(String)
        /// `workingDirectory` is not an existing directory.
        case badWorkingDirectory(String)
        /// `posix_spawn` refused the file (for example a script without a `#!` line: ENOEXEC).
        case spawnFailed(String, code: Int32)
        /// A system call modelgate needs failed (for example out of file descriptors).
        case systemCall(String, code: Int32)
        /// `ChildProcess.terminateAll()` was called: modelgate is shutting down.
        case shuttingDown(String)

        public var description: String {
            switch self {
            case .notFound(let name):
                name.contains("/") ? "cannot run '\(name)': no such file" : "cannot run '\(name)': not found on PATH"
            case .notExecutable(let path): "cannot run '\(path)': not an executable file"
            case .badWorkingDirectory(let path): "cannot run in '\(path)': not a directory"
            case .spawnFailed(let path, let code): "cannot run '\(path)': \(String(cString: strerror(code)))"
            case .systemCall(let name, let code): "cannot start a process: \(name) failed: \(String(cString: strerror(code)))"
            case .shuttingDown(let name): "not running '\(name)': modelgate is shutting down"
            }
        }
    }
}
