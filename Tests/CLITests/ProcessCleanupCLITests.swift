import Foundation
import Testing

#if os(Linux)
extension CLITests {
    /// modelgate killed with SIGKILL runs no code, yet its plug-in must not keep running: on Linux the
    /// plug-in gets SIGKILL from the kernel when modelgate dies (PR_SET_PDEATHSIG; issue 9, item 19).
    /// This plug-in also ignores SIGTERM, so only that signal can end it.
    @Test func aPluginDiesWithModelgateEvenWhenModelgateIsKilledWithSIGKILL() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(folder, "plugin.sh", "#!/bin/sh\n[ \"$1\" = --describe ] && exit 64\ntrap '' TERM\necho $$ > plugin.pid.tmp && mv plugin.pid.tmp plugin.pid\nwhile :; do sleep 0.05; done\n",
                  executable: true)
        try write(folder, "p.yml", pipelineText("command: [./plugin.sh]"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = ["run", "--config", "p.yml"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // However slow a loaded machine is to start the plug-in, wait for it (up to 20 s).
        for _ in 0..<400 where !FileManager.default.fileExists(atPath: folder + "/plugin.pid") {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let text = try String(contentsOfFile: folder + "/plugin.pid", encoding: .utf8)
        let plugin = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { kill(plugin, SIGKILL) }
        // The kernel sends the signal as modelgate exits; give the plug-in a moment to die.
        for _ in 0..<100 where !isGone(plugin) { Thread.sleep(forTimeInterval: 0.02) }
        #expect(isGone(plugin), "the plug-in outlived modelgate killed with SIGKILL")
    }
}
#endif
