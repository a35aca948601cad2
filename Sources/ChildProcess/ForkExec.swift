// Starting a child on Linux with fork and exec, because what must happen in between is more than
// posix_spawn offers: the child leads a session of its own (no controlling terminal, so nothing it
// writes to /dev/tty reaches the CI log), dies with SIGKILL when the thread that started it dies
// (PR_SET_PDEATHSIG, which also covers modelgate being killed with SIGKILL), adopts its own orphans
// (PR_SET_CHILD_SUBREAPER, so a double fork cannot leave its tree), gets default signal handling,
// and inherits only its three pipe ends.
//
// Between fork and exec only async-signal-safe C calls on values prepared beforehand may run: the
// child is a copy of a multithreaded process in which another thread may have held any lock.

#if os(Linux)
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

enum ForkExec {
    /// What went wrong in the child before exec: the step, then errno, sent through a close-on-exec pipe.
    private enum Step: Int32 {
        case redirect = 1, changeDirectory, exec
    }

    static func start(
        path: String, process: ChildProcess, stdin: Int32, stdout: Int32, stderr: Int32
    ) throws(ChildProcess.LaunchError) -> pid_t {
        let environment = process.environment ?? ProcessInfo.processInfo.environment
        let argv = CStrings([process.executable] + process.arguments)
        let envp = CStrings(environment.map { "\($0.key)=\($0.value)" })
        let file = CStrings([path] + (process.workingDirectory.map { [$0] } ?? []))
        defer { argv.free(); envp.free(); file.free() }
        let (pathPointer, directoryPointer) = (file.pointers[0]!, file.pointers[1])  // [1] is the end's nil without a directory
        // Exec closes the write end; end of file without a message means exec succeeded.
        let report = try PipeEnds.make()
        defer { close(report.read) }
        let parent = getpid()
        let descriptorLimit = openDescriptorLimit()
        Kernel.prepare()

        // Every signal stays blocked across fork, so the child cannot run one of our handlers before
        // it has reset them all.
        var all = sigset_t(), previous = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_SETMASK, &all, &previous)
        let pid = argv.pointers.withUnsafeBufferPointer { argv in
            envp.pointers.withUnsafeBufferPointer { envp in
                let pid = fork()
                if pid == 0 {
                    becomeProgram(path: pathPointer, argv: argv.baseAddress!, envp: envp.baseAddress!,
                                  directory: directoryPointer, stdin: stdin, stdout: stdout, stderr: stderr,
                                  report: report.write, parent: parent, descriptorLimit: descriptorLimit)
                }
                return pid
            }
        }
        let forkError = errno
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        close(report.write)
        guard pid > 0 else { throw .systemCall("fork", code: forkError) }

        var message: (step: Int32, code: Int32) = (0, 0)
        var received = 0
        withUnsafeMutableBytes(of: &message) { buffer in
            while received < buffer.count {
                let count = read(report.read, buffer.baseAddress! + received, buffer.count - received)
                if count > 0 { received += count } else if count == 0 || errno != EINTR { break }
            }
        }
        guard received == MemoryLayout.size(ofValue: message) else { return pid }
        // The child reported a failure and exits at once: reap it here, it was never a running program.
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        switch Step(rawValue: message.step) {
        case .changeDirectory: throw .badWorkingDirectory(process.workingDirectory ?? "")
        case .exec: throw .spawnFailed(path, code: message.code)
        case .redirect, nil: throw .systemCall("dup2", code: message.code)
        }
    }

    /// The child's side, from fork to exec. Only C calls on prepared values: no Swift allocation,
    /// no lock, no return.
    private static func becomeProgram(
        path: UnsafePointer<CChar>, argv: UnsafePointer<UnsafeMutablePointer<CChar>?>,
        envp: UnsafePointer<UnsafeMutablePointer<CChar>?>, directory: UnsafePointer<CChar>?,
        stdin: Int32, stdout: Int32, stderr: Int32, report: Int32, parent: pid_t, descriptorLimit: Int32
    ) -> Never {
        _ = setsid()
        Kernel.setParentDeathSignal(SIGKILL)
        // If modelgate died before that line, nothing will send the signal: stop here instead.
        if getppid() != parent { _exit(127) }
        Kernel.setSubreaper()

        if dup2(stdin, 0) < 0 || dup2(stdout, 1) < 0 || dup2(stderr, 2) < 0 { fail(.redirect, report) }
        if let directory, chdir(directory) != 0 { fail(.changeDirectory, report) }
        // Descriptors some other code opened without O_CLOEXEC (ours all have it) must not leak in.
        if !Kernel.closeDescriptors(from: 3, below: report) || !Kernel.closeDescriptors(from: report + 1, below: Int32.max) {
            var fd: Int32 = 3
            while fd < descriptorLimit {
                if fd != report { close(fd) }
                fd += 1
            }
        }
        // Handlers do not survive exec, but ignored signals would; a handler could also run here
        // once signals are unblocked. Default every signal, then unblock them all.
        var number: Int32 = 1
        while number < 65 {
            if number != SIGKILL && number != SIGSTOP { signal(number, SIG_DFL) }
            number += 1
        }
        var none = sigset_t()
        sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
        execve(path, argv, envp)
        fail(.exec, report)
    }

    private static func fail(_ step: Step, _ report: Int32) -> Never {
        var message: (step: Int32, code: Int32) = (step.rawValue, errno)
        _ = withUnsafeBytes(of: &message) { write(report, $0.baseAddress, $0.count) }
        _exit(127)
    }

    /// The highest descriptor number + 1 that may be open, for closing them one by one when the
    /// kernel lacks close_range (Linux < 5.9). Capped, so a huge limit does not cost seconds.
    private static func openDescriptorLimit() -> Int32 {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        return Int32(min(limit.rlim_cur, 65536))
    }
}
#endif
