// Shared helpers: shell scripts as children, temporary files, and checking whether a pid still lives.
import ChildProcess
import Foundation

/// A `/bin/sh -c script` child; `$1`, `$2`… are `arguments`.
func shell(
    _ script: String, _ arguments: String..., timeout: Duration = .seconds(10), killGrace: Duration = .seconds(2),
    stdoutLimit: Int = 16 << 20, stderrLimit: Int = 64 << 10
) -> ChildProcess {
    ChildProcess(
        executable: "/bin/sh", arguments: ["-c", script, "sh"] + arguments,
        timeout: timeout, killGrace: killGrace, stdoutLimit: stdoutLimit, stderrLimit: stderrLimit)
}

func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("childprocess-\(UUID())-\(name)").path
}

/// Waits (up to 5 s) for a script to write a pid into `path`.
func waitForPID(in path: String) async throws -> pid_t {
    for _ in 0..<500 {
        if let text = try? String(contentsOfFile: path, encoding: .utf8),
           let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            return pid
        }
        try await Task.sleep(for: .milliseconds(10))
    }
    throw CocoaError(.fileReadNoSuchFile)
}

/// Whether `pid` is a running process. A zombie counts as dead: it has exited, and the container's
/// init may be slow to reap orphans (or may not reap them at all).
func isRunning(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return true }
    // The state letter follows "pid (comm) ".
    return !stat[close...].dropFirst(2).hasPrefix("Z")
}

/// Waits (up to `limit`) for `pid` to die; true when it did.
func becomesDead(_ pid: pid_t, within limit: Duration = .seconds(2)) async throws -> Bool {
    let end = ContinuousClock.now + limit
    while ContinuousClock.now < end {
        if !isRunning(pid) { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return !isRunning(pid)
}

extension ChildProcess.Outcome {
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

#if os(Linux)
/// Pipes open in this process: a run that forgot to close one would leak three per gate.
func openPipes() throws -> Set<String> {
    Set(try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)
    }.filter { $0.hasPrefix("pipe:") })
}
#endif
