import Foundation
import Testing

/// Issue 9 item 20: `validate` finds a plug-in a run could not start, as the runner would look for it.
extension CLITests {
    func plugInPipeline(_ gate: String) -> String {
        "version: 1\ncandidate: {name: m, version: '1'}\ngates:\n  - {id: ok, type: custom, command: [./plugin.sh]}\n  - \(gate)\n"
    }

    @Test func validateRefusesAPlugInCommandThatCannotRun() async throws {
        let folder = try workspace()
        try write(folder, "not-executable.sh", "#!/bin/sh\n")
        try FileManager.default.createDirectory(atPath: folder + "/tools", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        let cases: [(String, String)] = [
            ("{id: bad, type: custom, command: [./missing.sh]}", "cannot run './missing.sh': no such file"),
            ("{id: bad, type: custom, command: [./not-executable.sh, --flag]}", "not an executable file"),
            ("{id: bad, type: custom, command: [./tools]}", "not an executable file"),
            ("{id: bad, type: custom, command: modelgate-no-such-program-here}", "cannot run 'modelgate-no-such-program-here': not found on PATH"),
        ]
        for (gate, message) in cases {
            try write(folder, "v.yml", plugInPipeline(gate))
            let result = try await modelgate(["validate", "--config", "v.yml"], in: folder)
            #expect(result.status == 2, "\(gate)")
            #expect(result.stderr.hasPrefix("v.yml:5:"), "located at the gate: \(result.stderr)")
            #expect(result.stderr.contains("gate 'bad'") && result.stderr.contains(message), "\(result.stderr)")
        }
        // Relative to the pipeline file, not to the working directory.
        try write(folder, "sub/v.yml", plugInPipeline("{id: bad, type: custom, command: [./plugin.sh]}").replacingOccurrences(of: "[./plugin.sh]}\n  -", with: "[../plugin.sh]}\n  -"))
        let nested = try await modelgate(["validate", "--config", "sub/v.yml"], in: folder)
        #expect(nested.status == 2)
        #expect(nested.stderr.contains("sub/./plugin.sh"), "\(nested.stderr)")
    }

    @Test func validateAcceptsPlugInsARunCanStart() async throws {
        let folder = try workspace()
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
        try write(folder, "bin/modelgate-gate-found", "#!/bin/sh\n", executable: true)
        try write(folder, "v.yml", plugInPipeline("{id: shell, type: custom, command: [sh, -c, 'echo']}") + "  - {id: found, type: found}\n")
        let result = try await modelgate(["validate", "--config", "v.yml"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("valid, 3 gates"))
    }
}
