import Foundation
import ModelGate

/// What `run` and `merge` share: reading the reports wanted, the baseline, the pipeline and the
/// gate selection, hashing the candidate, running, writing every report, and the exit code.
///
/// The order is what keeps a report honest: the command line, the baseline and the pipeline are
/// read, and the report paths checked against every file the run reads (exit 2, nothing written);
/// then every report file is replaced by an `error` placeholder, so that from there on a run that
/// stops at any point (a later exit 2, a signal, even SIGKILL) leaves no earlier pass behind; only
/// then are artifacts hashed and gates run; the real reports replace the placeholders last.
struct PipelineJob {
    var pipeline: Pipeline
    var destinations: [ReportDestination]
    /// The gates `--only`/`--skip` leave in.
    var selected: [(config: GateConfig, gate: any Gate)]

    static let options: [CommandSpec.OptionSpec] = [
        PipelineLoading.configOption,
        .init(name: "report", value: "format[:path]", help: "A report to write: console, json, junit, markdown or sarif, to stdout or to path.", repeatable: true),
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
    /// `shardReports`: files the run reads besides the pipeline's own (merge), never to be overwritten.
    /// `mode` decides the run's mode before anything is written; `checkArtifacts` vets the hashed artifacts.
    static func perform(_ arguments: ParsedArguments, spec: CommandSpec, baselineOptional: Bool, shardReports: [String] = [],
                        mode: (PipelineJob) throws(JobError) -> RunMode,
                        checkArtifacts: ([HashedArtifact], Pipeline) throws(JobError) -> Void = { _, _ throws(JobError) in }) async -> Int32 {
        let control = RunControl()
        let signals = SignalWatch(control: control)
        defer { signals.stop() }
        do throws(JobError) {
            let destinations: [ReportDestination]
            do throws(UsageError) {
                destinations = try ReportDestination.parse(arguments.all("report"), quiet: arguments.flag("quiet"), spec: spec)
            } catch {
                throw .usage(error.message)
            }
            let baselinePath = arguments.value("baseline")
            let baseline = try baselinePath.map { path throws(JobError) in try readBaseline(path) }
            guard let pipeline = PipelineLoading.load(arguments.value("config"), hasBaseline: baseline != nil || baselineOptional) else {
                return ExitCode.usage.rawValue
            }
            let only = arguments.value("only").map(idList)
            let skip = arguments.value("skip").map(idList) ?? []
            let known = Set(pipeline.gates.map(\.config.id))
            for id in (only ?? []) + skip where !known.contains(id) {
                throw .config(ConfigError("no gate with id '\(id)' (gates: \(pipeline.gates.map(\.config.id).joined(separator: ", ")))",
                                          path: pipeline.config.path, at: .none))
            }
            let inputs = RunInputs(pipeline: pipeline, baselinePath: baselinePath, shardReports: shardReports)
            if let clash = inputs.clash(with: destinations) { throw .usage(clash) }

            try writePlaceholders(destinations, pipeline: pipeline)
            if let special = inputs.specialFile(configPath: pipeline.config.path) { throw .config(special) }
            let selected = pipeline.gates.filter { (only?.contains($0.config.id) ?? true) && !skip.contains($0.config.id) }
            let runMode = try mode(PipelineJob(pipeline: pipeline, destinations: destinations, selected: selected))
            let artifacts: [HashedArtifact]
            do throws(ConfigError) {
                artifacts = try ArtifactHasher.hash(pipeline.config.candidate, baseDirectory: pipeline.config.baseDirectory,
                                                    configPath: pipeline.config.path, control: control)
            } catch {
                throw .config(error)
            }
            if control.interruption == nil { try checkArtifacts(artifacts, pipeline) }
            return await execute(pipeline, artifacts: artifacts, destinations: destinations, arguments: arguments, control: control,
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

    private static func readBaseline(_ path: String) throws(JobError) -> BaselineReport {
        if let problem = InputFile.problem(path) { throw .config(ConfigError("baseline report: \(problem)", path: path, at: .none)) }
        do throws(ConfigError) { return try BaselineReport.read(path: path, ranges: PipelineLoading.metricRanges) } catch { throw .config(error) }
    }

    /// Every report file now reads `error` until the run replaces it: a run killed from here on
    /// cannot leave an earlier run's pass behind. FIFOs and devices get nothing (a reader would
    /// take the placeholder for the report). A file that cannot take even this stops the run.
    private static func writePlaceholders(_ destinations: [ReportDestination], pipeline: Pipeline) throws(JobError) {
        let placeholder = RunReportPlaceholder.report(for: pipeline)
        for destination in destinations {
            guard case .file = destination.target else { continue }
            do throws(ReportFile.WriteError) { try destination.write(placeholder, color: false) } catch {
                throw .config(ConfigError("cannot write the \(destination.format.rawValue) report here: \(error)", path: destination.place, at: .none))
            }
        }
    }

    private static func execute(_ pipeline: Pipeline, artifacts: [HashedArtifact], destinations: [ReportDestination],
                                arguments: ParsedArguments, control: RunControl, options: RunOptions) async -> Int32 {
        let showProgress = !arguments.flag("quiet") && Terminal.stderrIsTTY
        let runner = PipelineRunner(toolVersion: ModelGateVersion.current, options: options,
                                    control: control, observer: showProgress ? ConsoleProgress() : nil)
        let report = await runner.run(pipeline, artifacts: artifacts)

        let color = Terminal.colorAllowed(isTTY: Terminal.stdoutIsTTY, noColorFlag: arguments.flag("no-color"))
        var writeFailed = false
        for destination in destinations.sorted(by: { $0.writeOrder < $1.writeOrder }) {
            do throws(ReportFile.WriteError) {
                try destination.write(report, color: color)
            } catch {
                Terminal.diagnostic("could not write the \(destination.format.rawValue) report to \(destination.place): \(error)")
                writeFailed = true
            }
        }
        if arguments.flag("quiet") {
            // Only a convenience beside the exit code and the reports: a closed stdout costs nothing here.
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
