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
        options: [
            OptionSpec("data", .path, required: true, help: "The test set: CSV (header row; .csv, .tsv) or JSON Lines (.jsonl, .ndjson)."),
            OptionSpec("format", .string, help: "csv, tsv or jsonl, when the file name does not tell."),
            OptionSpec("delimiter", .string, default: ",", help: "CSV field delimiter, one character (\\t for tab)."),
            OptionSpec("task", .string, required: true, help: "binary, multiclass or regression."),
            OptionSpec("label", .string, required: true, help: "Column (CSV) or dotted path (JSON Lines) of the true label or target."),
            OptionSpec("prediction", .string, help: "Column of the predicted label (classification) or value (regression)."),
            OptionSpec("predictions", .path, help: "A separate file (CSV or JSON Lines; by its name, else as 'data') holding the prediction and score columns, joined to 'data' by 'id_column'. It is read into memory first: about 30 bytes plus the id per prediction, and 8 per score."),
            OptionSpec("id_column", .string, help: "The rows' id column. With 'predictions': the column both files have; ids compare as written (7 matches \"7\", not 7.0). Every row needs exactly one prediction: unmatched ids on either side are an error with their counts (skipped and counted with 'missing: skip'); a repeated id is an error. Under 'modelgate run --shard K/N' a row's shard is a stable hash of its id (else of its row number)."),
            OptionSpec("score", .string, help: "Binary: column of the positive class's probability; predictions are score > threshold when no prediction column is given."),
            OptionSpec("use_predictor", .boolean, default: "false", help: "Get predictions from the candidate's predictor (candidate.predictor, type command), run on its 'inputs' columns of each row, instead of from columns. Each answer line is a number (binary: score; regression: value), a label, an array of class scores (multiclass, in the order of 'classes'), or an object with 'prediction', 'score' or 'scores'."),
            OptionSpec("scores", .any, help: "Multiclass: a mapping of class to score column, or one column holding a JSON array of scores per row (ordered by 'classes')."),
            OptionSpec("classes", .list, help: "Multiclass: the classes in the order of a 'scores' array."),
            OptionSpec("positive", .any, default: "1", help: "Binary: the positive class label: a number, a string, or true/false (JSON booleans)."),
            OptionSpec("threshold", .number, default: "0.5", help: "Binary: the decision threshold on 'score'."),
            OptionSpec("missing", .string, default: "error", help: "error: a missing value (or an id without a prediction) stops the gate, naming file, row and column; skip: skip such rows and count them."),
            OptionSpec("slice_by", .string, help: "Column whose values are slices: metrics are computed per slice, and gaps across slices."),
            OptionSpec("slice_thresholds", .mapping, help: "metric: condition, checked in every slice with at least min_slice_rows rows."),
            OptionSpec("min_slice_rows", .integer, default: "30", help: "Slices with fewer rows are reported but not judged."),
            OptionSpec("min_rows", .integer, default: "1", help: "A test set with fewer usable rows is an error."),
            OptionSpec("bootstrap", .integer, default: "200", help: "Bootstrap resamples for intervals of gated metrics that are not proportions (0: none)."),
            OptionSpec("seed", .integer, default: "0", help: "Seed of the bootstrap, so intervals are reproducible."),
        ],
        metrics: (BinaryAccumulator.metricNames + MulticlassAccumulator.metricNames.filter { !BinaryAccumulator.metricNames.contains($0) }
                  + RegressionAccumulator.metricNames).map { MetricSpec($0, "scikit-learn's \($0)", range: AccuracyMetricRange.of($0)) }
            + [MetricSpec("*_gap", "max − min of a metric over the judged slices, e.g. f1_gap", range: .nonNegative),
               MetricSpec("demographic_parity_difference", "binary: max − min of the predicted-positive rate over judged slices",
                          range: AccuracyMetricRange.of("demographic_parity_difference")),
               MetricSpec("equal_opportunity_difference", "binary: max − min of recall over judged slices",
                          range: AccuracyMetricRange.of("equal_opportunity_difference"))],
        defaultTimeout: .seconds(1800),
        examples: AccuracyExamples.all)

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
