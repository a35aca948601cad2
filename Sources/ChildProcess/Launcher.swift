// Starting a child: resolving the program, making its pipes, and registering it, under one lock, as
// it starts (ForkExec on Linux, PosixSpawn elsewhere): a session of its own, clean signal state,
// and exactly three inherited file descriptors (its ends of our pipes as 0, 1 and 2).

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A started child: its pid (also its session and process group id) and our ends of its three pipes.
struct LaunchedChild: Sendable {
    let pid: pid_t
    let stdin: Int32
    let stdout: Int32
    let stderr: Int32
}

enum Launcher {
    static func launch(_ process: ChildProcess) throws(ChildProcess.LaunchError) -> LaunchedChild {
        let path = try resolve(process.executable)
        if let directory = process.workingDirectory, !isDirectory(directory) {
            throw .badWorkingDirectory(directory)
        }
        var pipes: [PipeEnds] = []
        do {
            for _ in 0..<3 { pipes.append(try PipeEnds.make()) }
        } catch {
            pipes.forEach { close($0.read); close($0.write) }
            throw error
        }
        let (input, output, errors) = (pipes[0], pipes[1], pipes[2])
        let childEnds = [input.read, output.write, errors.write]
        let ourEnds = [input.write, output.read, errors.read]
        defer { childEnds.forEach { close($0) } }

        let pid: pid_t
        do {
            pid = try startRetryingBusyFile(path: path, process: process, stdin: input.read, stdout: output.write, stderr: errors.write)
        } catch {
            ourEnds.forEach { close($0) }
            throw error
        }
        for fd in ourEnds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        #if canImport(Darwin)
        _ = fcntl(input.write, F_SETNOSIGPIPE, 1)  // Darwin's per-descriptor "EPIPE, not SIGPIPE".
        #endif
        return LaunchedChild(pid: pid, stdin: input.write, stdout: output.read, stderr: errors.read)
    }

    /// Starts the child and registers it under one lock, so `terminateAll` either sees this child or,
    /// having run first, prevents it from starting.
    ///
    /// ETXTBSY ("text file busy") means some process holds the program open for writing. A script
    /// written just before (as a test or a setup step does) can be held for a moment by a child that
    /// another thread forked meanwhile, until that child's exec closes the copy of the descriptor.
    /// That passes within milliseconds, so it is retried for up to about a second.
    private static func startRetryingBusyFile(
        path: String, process: ChildProcess, stdin: Int32, stdout: Int32, stderr: Int32
    ) throws(ChildProcess.LaunchError) -> pid_t {
        var pause: useconds_t = 2_000
        while true {
            do {
                return try Registry.shared.withLock { (registry) throws(ChildProcess.LaunchError) -> pid_t in
                    guard !registry.closed else { throw .shuttingDown(process.executable) }
                    #if os(Linux)
                    let pid = try ForkExec.start(path: path, process: process, stdin: stdin, stdout: stdout, stderr: stderr)
                    #else
                    let pid = try PosixSpawn.start(path: path, process: process, stdin: stdin, stdout: stdout, stderr: stderr)
                    #endif
                    registry.insert(pid)
                    return pid
                }
            } catch .spawnFailed(_, code: ETXTBSY) where pause < 500_000 {
                usleep(pause)
                pause *= 2
            }
        }
    }

    /// The file to execute: `executable` itself when it contains a slash, else the first executable
    /// `<dir>/<executable>` over the absolute directories of our `PATH` (relative entries, including
    /// the empty one meaning ".", are skipped: a gate must not run whatever sits in the current directory).
    static func resolve(_ executable: String) throws(ChildProcess.LaunchError) -> String {
        guard !executable.isEmpty else { throw .notFound(executable) }
        if executable.contains("/") {
            let path = executable.hasPrefix("/") ? executable : FileManager.default.currentDirectoryPath + "/" + executable
            if isExecutableFile(path) { return path }
            throw exists(path) ? .notExecutable(executable) : .notFound(executable)
        }
        let searchPath = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        var firstNonExecutable: String?
        for directory in searchPath.split(separator: ":") where directory.hasPrefix("/") {
            let candidate = directory + "/" + executable
            if isExecutableFile(candidate) { return candidate }
            if firstNonExecutable == nil, exists(candidate) { firstNonExecutable = candidate }
        }
        throw firstNonExecutable.map { .notExecutable($0) } ?? .notFound(executable)
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}

