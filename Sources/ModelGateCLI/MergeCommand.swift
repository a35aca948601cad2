import ModelGate

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
        do throws(ConfigError) {
            for path in arguments.positionals {
                if let problem = InputFile.problem(path) { throw ConfigError("shard report: \(problem)", path: path, at: .none) }
            }
            reports = try ShardReports.read(paths: arguments.positionals, ranges: PipelineLoading.metricRanges)
        } catch {
            Terminal.diagnostic(error.description)
            return ExitCode.usage.rawValue
        }
        return await PipelineJob.perform(arguments, spec: spec, baselineOptional: false, shardReports: arguments.positionals,
                                         mode: { _ throws(JobError) in .merge(reports) },
                                         checkArtifacts: { artifacts, pipeline throws(JobError) in
            do throws(ConfigError) {
                try reports.check(configPath: pipeline.config.path, configSHA256: pipeline.config.sha256,
                                  artifacts: artifacts, toolVersion: ModelGateVersion.current)
            } catch {
                throw .config(error)
            }
        })
    }
}
