import Foundation
import Testing

extension CLITests {
    /// A persistent predictor lives as long as its gate; SIGINT to modelgate stops it and all it
    /// started, like any other child (issue 10, item 5).
    @Test func sigintStopsAPersistentPredictorAndItsProcessGroup() throws {
        let folder = try temporaryFolder()
        // It reads its input and never answers, so the gate waits on it when the signal comes.
        try write(folder, "predict.sh", "#!/bin/sh\nsleep 60 &\necho $! > child.pid\necho $$ > predictor.pid\ntouch started\ncat > /dev/null\n",
                  executable: true)
        try write(folder, "test.csv", "x,label\n0.1,0\n0.9,1\n0.4,0\n")
        try write(folder, "p.yml", """
            version: 1
            candidate:
              name: m
              version: '1'
              predictor: {type: command, command: [./predict.sh], inputs: [x], batch_size: 2, persistent: true}
            gates:
              - {id: q, type: accuracy, data: test.csv, task: binary, label: label, use_predictor: true}

            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = ["run", "--config", "p.yml", "--report", "json:r.json"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<400 where !FileManager.default.fileExists(atPath: folder + "/started") {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        let json = try String(contentsOfFile: folder + "/r.json", encoding: .utf8)
        #expect(json.contains("\"interrupted\": \"SIGINT\""))
        for file in ["predictor.pid", "child.pid"] {
            let pid = try String(contentsOfFile: folder + "/" + file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(isGone(pid_t(pid)!), "\(file) is still running")
        }
    }
}
