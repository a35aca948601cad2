import Document
import ModelGate
import Tabular

/// `type: accuracy` — a model's quality on a labelled test set, computed as scikit-learn computes
/// it, in one streaming pass, checked against thresholds overall, per slice, and across slices.
public struct AccuracyGate: MergeableGate {
    public static let descriptor = GateDescriptor(
        type: "accuracy",
        summary: "Checks a model's quality on a labelled test set: scikit-learn's metrics, overall and per slice.",
        rationale: """
        A model must be at least as good as the one it replaces, and good for every group it serves. \
        This gate reads the test set once, streaming, in bounded memory, and computes the metrics \
        exactly as scikit-learn does (zero_division=0, tied scores in AUC, log-loss clipping), with a \
        95% interval for each gated metric so a small test set cannot pass by luck.
        """,
        options: AccuracyOption.all,
        metrics: AccuracyMetricSpecs.all,
        defaultTimeout: .seconds(1800),
        examples: AccuracyExamples.all,
        notes: [
            """
            **Deciding on evidence.** Checks decide on the 95% interval by default (`decide: interval`): \
            a check passes when the whole interval clears its threshold, fails when the whole interval \
            misses it, and is `inconclusive` (exit 4) in between, so a small test set cannot pass by \
            luck: three right answers out of three do not clear `accuracy >= 0.95`. Proportions use \
            Wilson intervals; other metrics a seeded bootstrap, which needs at least 50 rows: on fewer \
            its checks are inconclusive. `decide: point` compares the point value alone.
            """,
            """
            **Missing values.** A CSV cell is missing when it is empty or spelled as one of `na_values` \
            (by default pandas' `read_csv` list: `NA`, `N/A`, `NaN`, `nan`, `NULL`, `None`, `<NA>`, `#N/A`...), \
            whether quoted or not; in JSON Lines, a `null` or an absent field. This holds for labels, \
            predictions, scores, slice and id columns alike, so `NA` is never a class and `nan` never a \
            score. With `missing: error` (the default) the first missing value stops the gate, naming \
            file, row and column (exit 3); with `missing: skip` the row is left out of every metric and \
            counted as `skipped_rows` in the evidence.
            """,
            """
            **Undefined metrics.** A metric that the data cannot define (recall with no positive rows, \
            AUC with one class, a score metric where some row has no score) is left out of `metrics` in \
            every report, not written as null, 0 or NaN; the gate's log says why. A metric that a \
            threshold names and that is undefined makes the gate an `error` with the reason (exit 3), \
            never a pass.
            """,
        ],
        defaultDecision: .interval)

    let options: AccuracyOptions
    private let engine: any AccuracyEngine

    public init(options: GateOptions) throws(ConfigError) {
        let options = try AccuracyOptions(options)
        self.options = options
        let threshold = options.threshold
        switch options.task {
        case .binary:
            engine = TaskEngine(options: options, make: { BinaryAccumulator(threshold: threshold) },
                                makeReplicate: { BinaryAccumulator(threshold: threshold, rankingCapacity: Self.replicateRankingCapacity) })
        case .multiclass:
            let width = options.classScoreCount
            engine = TaskEngine(options: options, make: { MulticlassAccumulator(scoreClassCount: width) },
                                makeReplicate: { MulticlassAccumulator(scoreClassCount: width, rankingBudget: Self.replicateRankingCapacity) })
        case .regression:
            engine = TaskEngine(options: options, make: { RegressionAccumulator() }, makeReplicate: { RegressionAccumulator() })
        }
    }

    public var reportedMetrics: [MetricSpec] { AccuracyMetricSpecs.reported(by: options) }
    public var predictorRequest: SourceLocation? { options.predictorRequest }

    public func run(_ context: GateContext) async throws -> GateOutcome {
        try await engine.run(context)
    }

    public func measure(_ context: GateContext, shard: Shard) async throws -> ShardMeasurement {
        try await engine.measure(context, shard: shard)
    }

    public func merge(_ states: [GateState], _ context: GateContext) async throws -> GateOutcome {
        try await engine.merge(states, context)
    }

    /// Replicates only size an interval: a coarser score ranking (AUC within a small bound) keeps
    /// two hundred of them in a few MB.
    static let replicateRankingCapacity = 4096

    /// Proportions get Wilson intervals; every other gated metric needs the bootstrap.
    static let proportionMetrics: Set<String> = ["accuracy", "precision", "recall", "precision_micro", "recall_micro", "f1_micro"]
}

extension AccuracyOptions {
    /// How many classes the score vectors have (nil without scores).
    var classScoreCount: Int? {
        switch classScores {
        case .columns(let columns)?: return columns.count
        case .array(_, let classes)?: return classes.count
        case nil: return nil
        }
    }
}
