import Foundation
import ModelGate

/// What `run` and `merge` share: reading the reports wanted, the baseline, the pipeline and the
/// gate selection, hashing the candidate, running, writing every report, and the exit code.
struct PipelineJob {
    var pipeline: Pipeline
    var artifacts: [HashedArtifact]
    var destinations: [ReportDestination]
    /// The gates `--only`/`--skip` leave in.
    var selected: [(config: GateConfig, gate: any Gate)]

    static let options: [CommandSpec.OptionSpec] = [
        PipelineLoading.configOption,
        .init(name: "report", value: "format[:path]", help: "A report to write: console, json, junit or markdown, to stdout or to path.", repeatable: true),
        .init(name: "only", value: "ids", help: "Run only these gates (comma-separated ids)."),
        .init(name: "skip", value: "ids", help: "Skip these gates (comma-separated ids)."),
        .init(name: "baseline", value: "report.json", help: "An earlier JSON report whose metrics 'baseline' conditions compare with."),
        .flag("quiet", help: "Print only the verdict line (reports given a path are still written)."),
        .flag("no-color", help: "Never colour the console report."),
    ]

    static func usageError(_ message: String, spec: CommandSpec) -> Int32 {
        Terminal.error("Error: \(message)\nUsage: \(spec.usage)\n  See 'modelgate \(spec.name) --help' for more information.\n")
        return ExitCode.usage.rawValue
    }

    /// `baselineOptional`: the run decides no condition (a shard run), so one on `baseline` needs no report.
    static func perform(_ arguments: ParsedArguments, spec: CommandSpec, baselineOptional: Bool,
                        mode: (PipelineJob) throws(JobError) -> RunMode) async -> Int32 {
        let destinations: [ReportDestination]
        do throws(UsageError) {
            destinations = try ReportDestination.parse(arguments.all("report"), quiet: arguments.flag("quiet"), spec: spec)
        } catch {
            return usageError(error.message, spec: spec)
        }
        var baseline: BaselineReport?
        if let path = arguments.value("baseline") {
            do throws(ConfigError) { baseline = try BaselineReport.read(path: path, ranges: PipelineLoading.metricRanges) } catch {
                Terminal.diagnostic(error.description)
                return ExitCode.usage.rawValue
            }
        }
        guard let pipeline = PipelineLoading.load(arguments.value("config"), hasBaseline: baseline != nil || baselineOptional) else {
            return ExitCode.usage.rawValue
        }
        let only = arguments.value("only").map(idList)
        let skip = arguments.value("skip").map(idList) ?? []
        let known = Set(pipeline.gates.map(\.config.id))
        for id in (only ?? []) + skip where !known.contains(id) {
            Terminal.diagnostic("no gate with id '\(id)' in \(pipeline.config.path) (gates: \(pipeline.gates.map(\.config.id).joined(separator: ", ")))")
            return ExitCode.usage.rawValue
        }
        let runMode: RunMode
        do throws(JobError) {
            let artifacts: [HashedArtifact]
            do throws(ConfigError) {
                artifacts = try ArtifactHasher.hash(pipeline.config.candidate, baseDirectory: pipeline.config.baseDirectory,
                                                    configPath: pipeline.config.path)
            } catch {
                throw .config(error)
            }
            let selected = pipeline.gates.filter { (only?.contains($0.config.id) ?? true) && !skip.contains($0.config.id) }
            runMode = try mode(PipelineJob(pipeline: pipeline, artifacts: artifacts, destinations: destinations, selected: selected))
            return await execute(pipeline, artifacts: artifacts, destinations: destinations, arguments: arguments,
                                 options: RunOptions(only: only.map(Set.init), skip: Set(skip), baseline: baseline, mode: runMode))
        } catch {
            switch error {
            case .usage(let message): return usageError(message, spec: spec)
            case .config(let error):
                Terminal.diagnostic(error.description)
                return ExitCode.usage.rawValue
            }
        }
    }

    private static func execute(_ pipeline: Pipeline, artifacts: [HashedArtifact], destinations: [ReportDestination],
                                arguments: ParsedArguments, options: RunOptions) async -> Int32 {
        let control = RunControl()
        let signals = SignalWatch(control: control)
        defer { signals.stop() }
        let showProgress = !arguments.flag("quiet") && Terminal.stderrIsTTY
        let runner = PipelineRunner(toolVersion: ModelGateVersion.current, options: options,
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
        // A report CI asked for and did not get must not read as a pass (nor a shard's state as measured).
        if writeFailed && report.verdict.exitCode == .allowed { return ExitCode.couldNotRun.rawValue }
        return report.verdict.exitCode.rawValue
    }

    private static func idList(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
