import ModelGate

/// `modelgate run`: the main job.
enum RunCommand: Command {
    static let spec = CommandSpec(
        name: "run",
        abstract: "Run the pipeline's gates on the candidate model and decide whether it may be deployed.",
        discussion: """
        Gates run in the order of the pipeline file. The exit code is the verdict: 0 deploy allowed, \
        1 a blocking gate failed, 2 usage or configuration error, 3 a blocking gate could not run, \
        4 inconclusive. Reports: console (default, to stdout), json, junit, markdown, sarif; a report given \
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
