// Starting a child on macOS, where posix_spawn can do all we need before exec except what Linux
// alone offers (see ForkExec.swift): a session of its own, clean signal state, three descriptors.

#if !os(Linux)
import Foundation
import Darwin

enum PosixSpawn {
    /// Darwin's POSIX_SPAWN_SETSID (<spawn.h>, macOS 10.15+), not imported into Swift.
    private static let setSessionFlag: Int32 = 0x0400

    static func start(
        path: String, process: ChildProcess, stdin: Int32, stdout: Int32, stderr: Int32
    ) throws(ChildProcess.LaunchError) -> pid_t {
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        if let directory = process.workingDirectory {
            let code = posix_spawn_file_actions_addchdir_np(&actions, directory)
            guard code == 0 else { throw .systemCall("posix_spawn_file_actions_addchdir_np", code: code) }
        }

        // A new session (so no controlling terminal), led by the child: its pid is also its process
        // group id, so a timeout can kill it and all it started. CLOEXEC_DEFAULT: only the dup2'd
        // descriptors survive.
        let flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_CLOEXEC_DEFAULT) | setSessionFlag
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var defaults = SignalDefaults.handledByModelgate
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
}

enum SignalDefaults {
    /// Ignored signals stay ignored across exec. modelgate ignores SIGPIPE, SIGINT and SIGTERM to
    /// handle them itself; the child must get the defaults back, or our SIGTERM would not stop it
    /// and `yes | head` would spin forever.
    static var handledByModelgate: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU] {
            sigaddset(&set, signal)
        }
        return set
    }
}
#endif
