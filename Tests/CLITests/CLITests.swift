import Foundation
import Testing

/// End-to-end tests of the built `modelgate` binary: help text, usage errors, exit codes, reports.
@Suite struct CLITests {
    @Test func topLevelHelpListsSubcommandsAndExitCodes() throws {
        let result = try modelgate(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: Run quality gates on a machine-learning model"))
        for name in ["run", "merge", "validate", "config", "gates", "init", "version"] {
            #expect(result.stdout.contains("\n  \(name) "), "\(name)")
        }
        #expect(result.stdout.contains("4  blocked: inconclusive"))
    }

    @Test func subcommandHelpHasTheArgumentParserShape() throws {
        let result = try modelgate(["run", "--help"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "OVERVIEW: Run the pipeline's gates on the candidate model and decide whether it may be deployed.")
        #expect(result.stdout.contains("\nUSAGE: modelgate run [--config <path>] [--report <format[:path]>] ... [--only <ids>]"))
        #expect(result.stdout.contains("\n  --config <path>         The pipeline file (YAML or JSON). (default: gates/pipeline.yml, else modelgate.yml)\n"))
        #expect(result.stdout.hasSuffix("  -h, --help              Show help information.\n"))
        #expect(try modelgate(["help", "validate"]).stdout == modelgate(["validate", "--help"]).stdout)
    }

    @Test func unknownOptionIsAUsageErrorWithAHint() throws {
        let result = try modelgate(["run", "--confg", "x.yml"])
        #expect(result.status == 2)
        #expect(result.stderr == """
        Error: Unknown option '--confg'; did you mean '--config'?
        Usage: \(try usageLine("run"))
          See 'modelgate run --help' for more information.

        """)
    }

    @Test func unknownSubcommandAndMissingValuesAreUsageErrors() throws {
        #expect(try modelgate(["frobnicate"]).status == 2)
        #expect(try modelgate([]).status == 2)
        let missing = try modelgate(["run", "--config"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("Error: Missing value for '--config <path>'"))
        #expect(try modelgate(["run", "--report", "pdf"]).stderr.hasPrefix("Error: Unknown report format 'pdf'"))
        #expect(try modelgate(["run", "--report", "json", "--report", "junit"]).status == 2)
    }

    @Test func versionPrintsTheVersion() throws {
        let result = try modelgate(["version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }

    @Test func malformedPipelineGetsOneLocatedLineAndExitTwo() throws {
        let folder = try temporaryFolder()
        try write(folder, "bad.yml", "version: 1\ncandidate: {name: m, version: '1'}\ngates:\n  - id: q\n    command: [./p.sh]\n    type: custom\n    thresholds:\n      f1: high\n")
        for command in ["validate", "run"] {
            let result = try modelgate([command, "--config", "bad.yml"], in: folder)
            #expect(result.status == 2)
            #expect(result.stderr == "bad.yml:8:11: error: threshold for 'f1' must be a condition like \">= 0.9\", got \"high\" (expected an operator (>=, >, <=, <, ==, !=))\n")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func missingPipelineFileIsAUsageError() throws {
        let folder = try temporaryFolder()
        let result = try modelgate(["run"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no pipeline file here (looked for gates/pipeline.yml and modelgate.yml)"))
    }

    @Test func exitCodesFollowTheVerdict() throws {
        let folder = try temporaryFolder()
        let cases: [(String, Int32)] = [
            (#"{"status": "pass", "metrics": {"m": 1}, "evidence": {"rows": 5}}"#, 0),
            (#"{"status": "fail", "metrics": {"m": 1}, "evidence": {"rows": 5}}"#, 1),
            (#"{"status": "pass", "evidence": {"rows": 5}, "checks": [{"metric": "m", "op": ">=", "threshold": 0.5, "actual": 0.55, "interval": [0.45, 0.65]}]}"#, 4),
        ]
        for (answer, expected) in cases {
            try write(folder, "plugin.sh", "#!/bin/sh\ncat > /dev/null\necho '\(answer)'\n", executable: true)
            try write(folder, "p.yml", pipelineText("command: [./plugin.sh], decide: interval"))
            let result = try modelgate(["run", "--config", "p.yml", "--no-color"], in: folder)
            #expect(result.status == expected, "\(answer)\n\(result.stdout)\(result.stderr)")
        }
    }

    @Test func crashingPluginGivesExitThreeAndStillWritesEveryReport() throws {
        let folder = try temporaryFolder()
        try write(folder, "plugin.sh", "#!/bin/sh\necho 'Traceback: boom' >&2\nexit 1\n", executable: true)
        try write(folder, "p.yml", pipelineText("command: [./plugin.sh]"))
        let result = try modelgate(["run", "--config", "p.yml", "--report", "json:out/r.json", "--report", "junit:out/r.xml",
                                    "--report", "markdown:out/r.md"], in: folder)
        #expect(result.status == 3)
        #expect(result.stdout.contains("ERROR: deploy blocked"), "the console report still goes to stdout")
        let json = try String(contentsOfFile: folder + "/out/r.json", encoding: .utf8)
        #expect(json.contains("\"verdict\": \"error\""))
        #expect(json.contains("exited with status 1"))
        #expect(json.contains("Traceback: boom"))
        #expect(FileManager.default.fileExists(atPath: folder + "/out/r.xml"))
        #expect(FileManager.default.fileExists(atPath: folder + "/out/r.md"))
    }

    @Test func hangingPluginTimesOutWithExitThree() throws {
        let folder = try temporaryFolder()
        try write(folder, "plugin.sh", "#!/bin/sh\n[ \"$1\" = --describe ] && exit 64\nsleep 60\n", executable: true)
        try write(folder, "p.yml", pipelineText("command: [./plugin.sh], timeout: 500ms"))
        let clock = ContinuousClock.now
        let result = try modelgate(["run", "--config", "p.yml", "--report", "json:r.json"], in: folder)
        #expect(ContinuousClock.now - clock < .seconds(30))
        #expect(result.status == 3)
        #expect(try String(contentsOfFile: folder + "/r.json", encoding: .utf8).contains("timed out after 500ms"))
    }

    @Test func sigintStopsTheRunAndStillWritesTheReport() throws {
        let folder = try temporaryFolder()
        try write(folder, "plugin.sh", "#!/bin/sh\n[ \"$1\" = --describe ] && exit 64\nsleep 60 &\necho $! > child.pid\necho $$ > plugin.pid\ntouch started\nwait\n", executable: true)
        try write(folder, "p.yml", pipelineText("command: [./plugin.sh]"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = ["run", "--config", "p.yml", "--report", "json:r.json"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Signal once the gate is running (the handlers are installed before any gate starts),
        // however slow a loaded CI machine is to get there.
        for _ in 0..<400 where !FileManager.default.fileExists(atPath: folder + "/started") {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        let json = try String(contentsOfFile: folder + "/r.json", encoding: .utf8)
        #expect(json.contains("\"verdict\": \"error\""))
        #expect(json.contains("\"interrupted\": \"SIGINT\""))
        // ChildProcess.terminateAll(), run by the signal handler: no plug-in process outlives the run.
        for file in ["plugin.pid", "child.pid"] {
            let pid = try String(contentsOfFile: folder + "/" + file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(isGone(pid_t(pid)!), "\(file) is still running")
        }
    }

    /// Dead, or a zombie waiting for a PID 1 that in some containers never reaps.
    func isGone(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return true }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") == true
    }

    @Test func reportsToFilesNeverGoToStdoutAndPipesGetNoColour() throws {
        let folder = try temporaryFolder()
        try write(folder, "plugin.sh", "#!/bin/sh\ncat >/dev/null\necho '{\"status\": \"pass\", \"evidence\": {\"rows\": 1}}'\n", executable: true)
        try write(folder, "p.yml", pipelineText("command: [./plugin.sh]"))
        let json = try modelgate(["run", "--config", "p.yml", "--report", "json"], in: folder)
        #expect(json.status == 0)
        #expect(json.stdout.hasPrefix("{\n  \"schemaVersion\": 1,"))
        let quiet = try modelgate(["run", "--config", "p.yml", "--quiet", "--report", "junit:j.xml"], in: folder)
        #expect(quiet.stdout == "verdict: pass\n")
        let console = try modelgate(["run", "--config", "p.yml"], in: folder)
        #expect(!console.stdout.contains("\u{1B}["))
        #expect(console.stdout.contains("verdict: PASS"))
    }

    @Test func onlyWithAnUnknownGateIsAUsageError() throws {
        let folder = try temporaryFolder()
        try write(folder, "p.yml", pipelineText("command: [./plugin.sh]"))
        let result = try modelgate(["run", "--config", "p.yml", "--only", "nope"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no gate with id 'nope'"))
    }

    @Test func initWritesAStarterAndNeverOverwrites() throws {
        let folder = try temporaryFolder()
        let first = try modelgate(["init"], in: folder)
        #expect(first.status == 0)
        let text = try String(contentsOfFile: folder + "/modelgate.yml", encoding: .utf8)
        #expect(text.contains("type: accuracy"))
        try write(folder, "modelgate.yml", "mine\n")
        let second = try modelgate(["init"], in: folder)
        #expect(second.status == 2)
        #expect(try String(contentsOfFile: folder + "/modelgate.yml", encoding: .utf8) == "mine\n")
    }

    @Test func configJsonPrintsTheDocumentWithoutSecrets() throws {
        let folder = try temporaryFolder()
        try write(folder, "p.yml", pipelineText("command: [./plugin.sh], token: '${SECRET_TOKEN}'"))
        let result = try modelgate(["config", "--config", "p.yml", "--json"], in: folder, environment: ["SECRET_TOKEN": "abc123xyz"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"token\": \"${SECRET_TOKEN}\""))
        #expect(!result.stdout.contains("abc123xyz"))
    }

    @Test func gatesListsBuiltinTypesAndDescribesOne() throws {
        let list = try modelgate(["gates"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("  accuracy"))
        let page = try modelgate(["gates", "accuracy"])
        #expect(page.status == 0)
        #expect(page.stdout.hasPrefix("# Gate type `accuracy`"))
        #expect(try modelgate(["gates", "nope"]).status == 2)
    }

    // MARK: - Running the binary

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func pipelineText(_ gateOptions: String) -> String {
        "version: 1\ncandidate: {name: m, version: '1'}\ngates:\n  - {id: g, type: custom, \(gateOptions)}\n"
    }

    func usageLine(_ command: String) throws -> String {
        let help = try modelgate([command, "--help"]).stdout
        let line = help.split(separator: "\n").first { $0.hasPrefix("USAGE: ") }!
        return String(line.dropFirst("USAGE: ".count))
    }

    /// The built binary: beside the test bundle in SwiftPM's build folder, or $MODELGATE_BIN.
    func binary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["MODELGATE_BIN"] { return path }
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("modelgate").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/modelgate").path
    }

    func modelgate(_ arguments: [String], in folder: String? = nil, path: String? = nil,
                   environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let (stdoutData, stderrData) = readToEnd(out, err)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "modelgate-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    func write(_ folder: String, _ name: String, _ text: String, executable: Bool = false) throws {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        if executable { chmod(path, 0o755) }
    }
}
