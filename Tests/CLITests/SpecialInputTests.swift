import Foundation
import Testing

/// Issue 9 item 13: an input that is a FIFO or a never-ending device is refused at once (exit 2,
/// naming it), never read until a timeout.
extension CLITests {
    /// Writes `name` as each kind of special file in turn (a FIFO, a link to /dev/zero, to
    /// /dev/urandom), and runs `body` with it in place.
    func withSpecialFiles(_ folder: String, named name: String, _ body: (String) async throws -> Void) async throws {
        let path = folder + "/" + name
        for kind in ["fifo", "/dev/zero", "/dev/urandom"] {
            try? FileManager.default.removeItem(atPath: path)
            if kind == "fifo" {
                #expect(mkfifo(path, 0o600) == 0)
            } else {
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: kind)
            }
            try await body(kind)
        }
    }

    @Test func anArtifactThatIsAFIFOOrADeviceIsRefusedByValidateAndRun() async throws {
        let folder = try workspace(artifact: "weights.bin")
        try await withSpecialFiles(folder, named: "weights.bin") { kind in
            for command in [["validate"], ["run", "--report", "json:r.json"]] {
                let result = try await boundedModelgate(command + ["--config", "p.yml"], in: folder)
                #expect(result.status == 2, "\(kind) \(command[0]): \(result.stderr)")
                #expect(result.stderr.contains("p.yml:2:"), "located at the artifact's line: \(result.stderr)")
                #expect(result.stderr.contains("artifact 'weights.bin'") && result.stderr.contains("not a regular file"), "\(result.stderr)")
            }
        }
    }

    @Test func aGateDataFileThatIsAFIFOOrADeviceIsRefused() async throws {
        let folder = try workspace()
        try write(folder, "acc.yml", """
            version: 1
            candidate: {name: m, version: '1'}
            gates:
              - {id: q, type: accuracy, data: stream.csv, task: binary, label: label, score: score}

            """)
        try await withSpecialFiles(folder, named: "stream.csv") { kind in
            for command in [["validate"], ["run"]] {
                let result = try await boundedModelgate(command + ["--config", "acc.yml"], in: folder)
                #expect(result.status == 2, "\(kind) \(command[0]): \(result.stderr)")
                #expect(result.stderr.contains("option 'data' of gate 'q'") && result.stderr.contains("not a regular file"), "\(result.stderr)")
            }
        }
    }

    @Test func aPipelineBaselineOrShardReportThatIsAFIFOIsRefused() async throws {
        let folder = try workspace()
        #expect(mkfifo(folder + "/fifo.yml", 0o600) == 0)
        #expect(mkfifo(folder + "/fifo.json", 0o600) == 0)
        let cases: [[String]] = [
            ["validate", "--config", "fifo.yml"],
            ["run", "--config", "fifo.yml"],
            ["run", "--config", "p.yml", "--baseline", "fifo.json"],
            ["run", "--config", "p.yml", "--baseline", "/dev/zero"],
            ["merge", "--config", "p.yml", "fifo.json"],
        ]
        for arguments in cases {
            let result = try await boundedModelgate(arguments, in: folder)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("not a regular file"), "\(arguments): \(result.stderr)")
        }
    }
}
