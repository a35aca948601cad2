import ChildProcess
import Dispatch
import Foundation
import ModelGate

/// `modelgate run`: the main job.
enum RunCommand: Command {
    static let spec = CommandSpec(
        name: "run",
        abstract: "Run the pipeline's gates on the candidate model and decide whether it may be deployed.",
        discussion: """
        Gates run in the order of the pipeline file. The exit code is the verdict: 0 deploy allowed, \
        1 a blocking gate failed, 2 usage or configuration error, 3 a blocking gate could not run, \
        4 inconclusive. Reports: console (default, to stdout), json, junit, markdown; a report given \
        a path is written there and never to stdout.
        """,
        options: [
            PipelineLoading.configOption,
            .init(name: "report", value: "format[:path]", help: "A report to write: console, json, junit or markdown, to stdout or to path.", repeatable: true),
            .init(name: "only", value: "ids", help: "Run only these gates (comma-separated ids)."),
            .init(name: "skip", value: "ids", help: "Skip these gates (comma-separated ids)."),
            .init(name: "baseline", value: "report.json", help: "An earlier JSON report whose metrics 'baseline' conditions compare with."),
            .flag("quiet", help: "Print only the verdict line (reports given a path are still written)."),
            .flag("no-color", help: "Never colour the console report."),
        ])

    static func run(_ arguments: ParsedArguments) async -> Int32 {
        let destinations: [ReportDestination]
        do throws(UsageError) {
            destinations = try ReportDestination.parse(arguments.all("report"), quiet: arguments.flag("quiet"), spec: spec)
        } catch {
            Terminal.error("Error: \(error.message)\nUsage: \(spec.usage)\n  See 'modelgate run --help' for more information.\n")
            return ExitCode.usage.rawValue
        }
        var baseline: BaselineReport?
        if let path = arguments.value("baseline") {
            do throws(ConfigError) { baseline = try BaselineReport.read(path: path) } catch {
                Terminal.diagnostic(error.description)
                return ExitCode.usage.rawValue
            }
        }
        guard let pipeline = PipelineLoading.load(arguments.value("config"), hasBaseline: baseline != nil) else {
            return ExitCode.usage.rawValue
        }
        let only = arguments.value("only").map(idList)
        let skip = arguments.value("skip").map(idList) ?? []
        let known = Set(pipeline.gates.map(\.config.id))
        for id in (only ?? []) + skip where !known.contains(id) {
            Terminal.diagnostic("no gate with id '\(id)' in \(pipeline.config.path) (gates: \(pipeline.gates.map(\.config.id).joined(separator: ", ")))")
            return ExitCode.usage.rawValue
        }
        let artifacts: [HashedArtifact]
        do throws(ConfigError) {
            artifacts = try ArtifactHasher.hash(pipeline.config.candidate, baseDirectory: pipeline.config.baseDirectory,
                                                configPath: pipeline.config.path)
        } catch {
            Terminal.diagnostic(error.description)
            return ExitCode.usage.rawValue
        }

        let control = RunControl()
        let signals = SignalWatch(control: control)
        defer { signals.stop() }
        let showProgress = !arguments.flag("quiet") && Terminal.stderrIsTTY
        let runner = PipelineRunner(toolVersion: ModelGateVersion.current,
                                    options: RunOptions(only: only.map(Set.init), skip: Set(skip), baseline: baseline),
                                    control: control, observer: showProgress ? ConsoleProgress() : nil)
        let report = await runner.run(pipeline, artifacts: artifacts)

        let color = Terminal.colorAllowed(isTTY: Terminal.stdoutIsTTY, noColorFlag: arguments.flag("no-color"))
        var writeFailed = false
        for destination in destinations {
            do {
                try destination.write(report, color: color)
            } catch {
                Terminal.diagnostic("could not write the \(destination.format.rawValue) report to \(destination.path ?? "stdout"): \(error)")
                writeFailed = true
            }
        }
        if arguments.flag("quiet") {
            Terminal.write("verdict: \(report.verdict.rawValue)\n")
        }
        // A report CI asked for and did not get must not read as a pass.
        if writeFailed && report.verdict == .pass { return ExitCode.couldNotRun.rawValue }
        return report.verdict.exitCode.rawValue
    }

    private static func idList(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// SIGINT and SIGTERM stop the run: the gate in progress and its children are stopped, and the
/// run still writes its reports with verdict `error`. A second signal exits at once.
final class SignalWatch {
    private let sources: [any DispatchSourceSignal]

    init(control: RunControl) {
        var sources: [any DispatchSourceSignal] = []
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if control.interruption != nil {
                    ChildProcess.terminateAll()
                    exit(ExitCode.couldNotRun.rawValue)
                }
                control.interrupt(name)
                ChildProcess.terminateAll()
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func stop() {
        for source in sources { source.cancel() }
    }
}
