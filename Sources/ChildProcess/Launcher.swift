// Starting a child with posix_spawn: its own process group, clean signal state, and exactly three
// inherited file descriptors (its ends of our pipes as 0, 1 and 2).

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A started child: its pid (also its process group id) and our ends of its three pipes.
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
            // Spawn and register under one lock, so `terminateAll` either sees this child or,
            // having run first, prevents it from starting.
            pid = try Registry.shared.withLock { (registry) throws(ChildProcess.LaunchError) -> pid_t in
                guard !registry.closed else { throw .shuttingDown(process.executable) }
                let pid = try spawn(path: path, process: process, stdin: input.read, stdout: output.write, stderr: errors.write)
                registry.insert(pid)
                return pid
            }
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

    private static func spawn(
        path: String, process: ChildProcess, stdin: Int32, stdout: Int32, stderr: Int32
    ) throws(ChildProcess.LaunchError) -> pid_t {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        if let directory = process.workingDirectory {
            let code = addChangeDirectory(&actions, directory)
            guard code == 0 else { throw .systemCall("posix_spawn_file_actions_addchdir_np", code: code) }
        }
        closeInheritedDescriptors(&actions)

        // Group id 0: the child leads a new group, so a timeout can kill it and all it started.
        var flags = Int32(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)  // Darwin: only the dup2'd descriptors survive.
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        // Ignored signals stay ignored across exec. modelgate ignores SIGPIPE, SIGINT and SIGTERM
        // to handle them itself; the child must get the defaults back, or our SIGTERM would not
        // stop it and `yes | head` would spin forever. Likewise it starts with no signal blocked.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)

        let environment = process.environment ?? ProcessInfo.processInfo.environment
        let argv = CStrings([process.executable] + process.arguments)
        let envp = CStrings(environment.map { "\($0.key)=\($0.value)" })
        defer { argv.free(); envp.free() }

        var pid = pid_t()
        let code = posix_spawn(&pid, path, &actions, &attributes, argv.pointers, envp.pointers)
        guard code == 0 else { throw .spawnFailed(path, code: code) }
        return pid
    }

    #if canImport(Darwin)
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t?) {
        // POSIX_SPAWN_CLOEXEC_DEFAULT does it on Darwin.
    }

    private static func addChangeDirectory(_ actions: inout posix_spawn_file_actions_t?, _ path: String) -> Int32 {
        posix_spawn_file_actions_addchdir_np(&actions, path)
    }
    #else
    // glibc declares the next functions only for _GNU_SOURCE, which Swift's Glibc module does not
    // define, so they are looked up by name at run time (which also keeps older glibc versions working).

    /// Closes every descriptor from 3 up in the child, including ones some other code in our process
    /// opened without O_CLOEXEC (glibc 2.34+; before that, our own descriptors are all O_CLOEXEC).
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
    }

    /// Makes the child chdir before exec (glibc 2.29+); modelgate's own directory never changes.
    private static func addChangeDirectory(_ actions: inout posix_spawn_file_actions_t, _ path: String) -> Int32 {
        typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return ENOSYS }
        return unsafeBitCast(symbol, to: AddChdir.self)(&actions, path)
    }
    #endif

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

/// A pipe whose two ends are close-on-exec and numbered 3 or above.
struct PipeEnds {
    let read: Int32
    let write: Int32

    static func make() throws(ChildProcess.LaunchError) -> PipeEnds {
        var fds: [Int32] = [-1, -1]
        guard makeCloseOnExecPipe(&fds) == 0 else { throw .systemCall("pipe", code: errno) }
        // If modelgate was started with 0, 1 or 2 closed, a pipe end can get one of those numbers,
        // and the child's dup2 onto 0/1/2 would then clobber it. Move such ends out of the way.
        for index in fds.indices where fds[index] < 3 {
            let moved = fcntl(fds[index], F_DUPFD_CLOEXEC, 3)
            let code = errno
            close(fds[index])
            fds[index] = moved
            guard moved >= 0 else {
                fds.filter { $0 >= 0 }.forEach { close($0) }
                throw .systemCall("fcntl(F_DUPFD_CLOEXEC)", code: code)
            }
        }
        return PipeEnds(read: fds[0], write: fds[1])
    }
}

/// pipe2(O_CLOEXEC) where available: atomic, so a child spawned meanwhile by another thread cannot
/// inherit the new descriptors. Darwin lacks pipe2 (and POSIX_SPAWN_CLOEXEC_DEFAULT covers it there).
private func makeCloseOnExecPipe(_ fds: inout [Int32]) -> Int32 {
    #if !canImport(Darwin)
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    if let symbol = dlsym(nil, "pipe2") {
        return unsafeBitCast(symbol, to: Pipe2.self)(&fds, O_CLOEXEC)
    }
    #endif
    guard pipe(&fds) == 0 else { return -1 }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return 0
}

/// A NULL-terminated array of C strings, as `argv` and `envp` need; `free()` releases it.
struct CStrings {
    let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    func free() {
        for pointer in pointers { Foundation.free(pointer) }
    }
}
