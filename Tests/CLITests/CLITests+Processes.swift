import Foundation
import Testing

/// Running the binary in the background, with stdout wherever a test wants it, for tests that
/// signal or kill it mid-run.
extension CLITests {
    /// A started `modelgate`; stdout and stderr go to /dev/null unless given.
    func launch(_ arguments: [String], in folder: String, stdout: FileHandle? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Polls `condition` every 20 ms for up to `seconds` (generous: a busy CI machine may be slow
    /// to get a run going); true once it held. Sleeps without holding a thread of Swift's
    /// cooperative pool (two threads on a 2-core runner): a test blocking one starves async tests.
    func waitUntil(seconds: Double = 60, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    func waitForExit(_ process: Process) async {
        _ = await waitUntil(seconds: 3600) { !process.isRunning }
        process.waitUntilExit()
    }

    /// Runs blocking work (a whole `modelgate` run, a shell) on a thread of its own, so the test
    /// waits for it without holding a thread of the cooperative pool or of Dispatch's bounded
    /// global pool, which the gates' timers and child-process supervision need.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try body() }) }.start()
        }
    }

    func modelgate(_ arguments: [String], in folder: String? = nil, environment: [String: String] = [:]) async throws -> Result {
        try await blocking { try self.modelgate(arguments, in: folder, path: nil, environment: environment) }
    }

    /// Whether `pid` has a file open whose path ends with `name` (Linux's /proc): the moment a run
    /// is hashing that artifact.
    func hasOpen(_ pid: pid_t, _ name: String) -> Bool {
        let folder = "/proc/\(pid)/fd"
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return fds.contains { ((try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + $0)) ?? "").hasSuffix("/" + name) }
    }

    /// A pipeline whose one gate is a plug-in answering `status` (pass or fail), with an artifact
    /// and a data file, both inputs a report must never overwrite.
    func workspace(status: String = "pass", artifact: String = "model.bin") throws -> String {
        let folder = try temporaryFolder()
        try write(folder, "plugin.sh", "#!/bin/sh\n[ \"$1\" = --describe ] && exit 64\ncat >/dev/null\ntouch started\necho '{\"status\": \"\(status)\", \"evidence\": {\"rows\": 1}}'\n",
                  executable: true)
        // The slow gate runs until the test stops modelgate, however long a busy machine keeps the
        // test from sending its signal: a gate that ended on its own would make the test meaningless.
        try write(folder, "slow.sh", "#!/bin/sh\n[ \"$1\" = --describe ] && exit 64\ncat >/dev/null\ntouch started\nsleep 3600\n", executable: true)
        try write(folder, "model.bin", "weights\n")
        try write(folder, "test.csv", "label,score\n1,0.9\n")
        try write(folder, "p.yml", """
            version: 1
            candidate: {name: m, version: '1', artifacts: [\(artifact)]}
            gates:
              - {id: g, type: custom, command: [./plugin.sh], data: test.csv}

            """)
        try write(folder, "slow.yml", """
            version: 1
            candidate: {name: m, version: '1', artifacts: [\(artifact)]}
            gates:
              - {id: g, type: custom, command: [./slow.sh], timeout: 2h}

            """)
        return folder
    }

    func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }
}

extension CLITests {
    /// `modelgate(arguments, in: folder)` for a run that must end by itself: killed after
    /// `seconds` (far beyond what refusing takes), so a regression fails the test instead of hanging it.
    func boundedModelgate(_ arguments: [String], in folder: String, seconds: Double = 30) async throws -> Result {
        try await blocking { try self.boundedModelgateBlocking(arguments, in: folder, seconds: seconds) }
    }

    private func boundedModelgateBlocking(_ arguments: [String], in folder: String, seconds: Double) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { [pid = process.processIdentifier] in kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: watchdog)
        let (stdoutData, stderrData) = readToEnd(out, err)
        process.waitUntilExit()
        watchdog.cancel()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

extension CLITests {
    /// Waits for `process` to exit; after `seconds` kills it (so a regression cannot leave a run
    /// hashing 16 GiB behind the test suite) and returns false.
    func exits(_ process: Process, within seconds: Double) async -> Bool {
        let exited = await waitUntil(seconds: seconds) { !process.isRunning }
        if !exited { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return exited
    }
}

extension CLITests {
    /// Both pipes read to their end at once, so a chatty child cannot fill one and stall; on
    /// threads of their own, as Dispatch's bounded pool is what the gates' timers need.
    func readToEnd(_ out: Pipe, _ err: Pipe) -> (Data, Data) {
        let group = DispatchGroup()
        nonisolated(unsafe) var stdoutData = Data(), stderrData = Data()
        group.enter()
        Thread { stdoutData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }.start()
        group.enter()
        Thread { stderrData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }.start()
        group.wait()
        return (stdoutData, stderrData)
    }
}
