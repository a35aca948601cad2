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

        With --shard K/N, only the gates that can split their data into shards run (accuracy), on \
        share K of N; nothing is decided (verdict 'partial', exit 0 once the share is measured, 3 if \
        a gate could not measure it), and the JSON report, which is required, carries each gate's \
        state for 'modelgate merge'.
        """,
        options: PipelineJob.options + [
            .init(name: "shard", value: "K/N", help: "Measure share K of N of the data (K from 1), for 'modelgate merge'; needs --report json[:PATH]."),
        ])

    static func run(_ arguments: ParsedArguments) async -> Int32 {
        var shard: Shard?
        if let text = arguments.value("shard") {
            guard let parsed = Shard(parsing: text) else {
                return PipelineJob.usageError("--shard takes K/N with 1 <= K <= N <= \(Shard.maximumCount), like 2/4; got '\(text)'", spec: spec)
            }
            shard = parsed
        }
        return await PipelineJob.perform(arguments, spec: spec, baselineOptional: shard != nil) { job throws(JobError) in
            guard let shard else { return .whole }
            guard job.destinations.contains(where: { $0.format == .json }) else {
                throw .usage("a shard run's JSON report carries its state for 'modelgate merge': add --report json:shard-\(shard.index).json")
            }
            let mergeable = job.selected.filter { $0.gate is any MergeableGate }
            guard !mergeable.isEmpty else {
                throw .usage("none of the gates that would run can split into shards (only accuracy gates can); run without --shard")
            }
            return .shard(shard)
        }
    }
}

/// `modelgate merge`: the verdict of a sharded run, from every shard's JSON report.
enum MergeCommand: Command {
    static let spec = CommandSpec(
        name: "merge",
        abstract: "Merge the JSON reports of 'modelgate run --shard K/N' and decide, as one run over all the data would.",
        discussion: """
        Give every shard's JSON report (1/N to N/N, in any order) and the same pipeline file. Gates \
        that were sharded merge their shards' states into the metrics one run would have measured and \
        decide their thresholds; the other gates run here, as in 'modelgate run'. The shards must come \
        from the same pipeline file, candidate artifacts and modelgate version, else nothing runs (exit 2). \
        Exit codes and reports are those of 'modelgate run'.
        """,
        options: PipelineJob.options,
        positionals: [.init(name: "shard-report.json", help: "The JSON reports of every shard of the run.", optional: false, variadic: true)])

    static func run(_ arguments: ParsedArguments) async -> Int32 {
        let reports: ShardReports
        do throws(ConfigError) { reports = try ShardReports.read(paths: arguments.positionals) } catch {
            Terminal.diagnostic(error.description)
            return ExitCode.usage.rawValue
        }
        return await PipelineJob.perform(arguments, spec: spec, baselineOptional: false) { job throws(JobError) in
            do throws(ConfigError) {
                try reports.check(configPath: job.pipeline.config.path, configSHA256: job.pipeline.config.sha256,
                                  artifacts: job.artifacts, toolVersion: ModelGateVersion.current)
            } catch {
                throw .config(error)
            }
            return .merge(reports)
        }
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
