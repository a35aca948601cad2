import Document
import ModelGate
import Tabular

/// The accuracy gate's options, checked once before anything runs.
struct AccuracyOptions: Sendable {
    enum Task: String, OptionChoice { case binary, multiclass, regression }
    enum MissingPolicy: String, OptionChoice { case error, skip }

    /// Where multiclass per-class scores come from.
    enum ClassScores: Sendable {
        /// One column per class, in the order given.
        case columns([(label: String, column: String)])
        /// One column holding a JSON array per row, in the order of `classes`.
        case array(column: String, classes: [String])
    }

    var data: String
    var format: TableFormat
    /// A separate file of model outputs, joined to `data` row by row on `idColumn`.
    var predictions: (path: String, format: TableFormat)?
    var idColumn: String?
    var task: Task
    var label: String
    var prediction: String?
    var score: String?
    var classScores: ClassScores?
    var positive: Label
    var threshold: Double
    var missing: MissingPolicy
    /// CSV cells that mean "no value", besides an empty cell.
    var missingValues: MissingValueSpellings
    /// The largest share of rows `missing: skip` may leave out.
    var maxSkipped: Share
    var sliceBy: String?
    /// The most distinct slice values allowed.
    var maxSlices: Int
    var sliceThresholds: [(metric: String, condition: Condition)]
    var minSliceRows: Int
    var minRows: Int
    var bootstrapResamples: Int
    var seed: UInt64
    /// Predictions come from the candidate's predictor, run on the `inputs` columns of each row.
    var usePredictor: Bool
    /// Where `use_predictor: true` was written.
    var predictorRequest: SourceLocation?

    init(_ options: GateOptions) throws(ConfigError) {
        typealias O = AccuracyOption
        data = try options.require(O.data)
        format = try Self.format(options, data: data)
        predictions = try Self.predictions(options, dataFormat: format)
        idColumn = options.value(O.idColumn)
        task = try options.require(O.task)
        label = try options.require(O.label)
        prediction = options.value(O.prediction)
        score = options.value(O.score)
        positive = try Self.positive(options)
        threshold = try options.require(O.threshold)
        missing = try options.require(O.missing)
        missingValues = MissingValueSpellings(try options.require(O.naValues))
        maxSkipped = try options.require(O.maxSkipped)
        sliceBy = options.value(O.sliceBy)
        maxSlices = try options.require(O.maxSlices)
        minSliceRows = try options.require(O.minSliceRows)
        minRows = try options.require(O.minRows)
        bootstrapResamples = try options.require(O.bootstrap)
        seed = UInt64(try options.require(O.seed))
        usePredictor = try options.require(O.usePredictor)
        predictorRequest = usePredictor ? options[O.usePredictor]?.location : nil
        if usePredictor {
            // The predictor's answers take the place of every output column.
            for option in [O.prediction, O.score, O.predictions] where options[option] != nil {
                throw options.error("'\(option.key)' reads predictions from a file; with 'use_predictor: true' they come from the candidate's predictor", at: options[option])
            }
            if let node = options[O.scores] {
                throw options.error("'scores' reads predictions from a file; with 'use_predictor: true' they come from the candidate's predictor", at: node)
            }
            classScores = try options.value(O.classes).map { classes throws(ConfigError) in
                guard Set(classes.map { Label(text: $0) }).count == classes.count, !classes.isEmpty else {
                    throw options.error("'classes' lists a class twice, or none", at: options[O.classes])
                }
                return .array(column: "", classes: classes)
            }
        } else {
            classScores = try Self.classScores(options)
        }

        sliceThresholds = []
        if let node = options[AccuracyOption.sliceThresholds] {
            guard sliceBy != nil else {
                throw options.error("'slice_thresholds' needs 'slice_by' (the column whose values are the slices)", at: node)
            }
            for member in node.objectValue ?? [] {
                guard Self.metricNames(for: task).contains(member.key) else {
                    throw ConfigError("slice threshold on '\(member.key)', which a \(task.rawValue) task does not report (it reports \(Self.metricNames(for: task).joined(separator: ", ")))",
                                      path: options.path, at: member.keyLocation)
                }
                sliceThresholds.append((member.key, try options.condition(member.value, metric: member.key)))
            }
        }
        try checkColumns(options)
        try checkModelOutputsAreNotTheLabel(options)
        try checkJoin(options)
    }

    /// What each task needs to compute anything.
    private func checkColumns(_ options: GateOptions) throws(ConfigError) {
        if usePredictor {
            if task == .regression, classScores != nil { throw options.error("'classes' is for classification tasks", at: options[AccuracyOption.classes]) }
            return
        }
        switch task {
        // A score option of the wrong task first: it explains why the right one seems missing.
        case .binary:
            if classScores != nil { throw options.error("'scores' is for multiclass tasks; a binary task takes 'score'", at: options[AccuracyOption.scores]) }
            guard prediction != nil || score != nil else {
                throw options.error("a binary task needs 'prediction' (predicted labels) or 'score' (the positive class's probability), or both", at: nil)
            }
        case .multiclass:
            if score != nil { throw options.error("'score' is for binary tasks; a multiclass task takes 'scores'", at: options[AccuracyOption.score]) }
            guard prediction != nil || classScores != nil else {
                throw options.error("a multiclass task needs 'prediction' or per-class 'scores', or both", at: nil)
            }
        case .regression:
            guard prediction != nil else { throw options.error("a regression task needs 'prediction' (the predicted value)", at: nil) }
            if score != nil || classScores != nil {
                throw options.error("a regression task takes 'prediction' only, not scores", at: options[AccuracyOption.score] ?? options[AccuracyOption.scores])
            }
        }
    }

    /// The model's output read from the truth column would score a perfect model: a mistake in
    /// the configuration (or a way to pass anything), never a measurement.
    private func checkModelOutputsAreNotTheLabel(_ options: GateOptions) throws(ConfigError) {
        guard predictions == nil else { return }  // outputs from another file are other columns
        let outputs: [(key: String, column: String?, node: Node?)] = [
            ("prediction", prediction, options[AccuracyOption.prediction]),
            ("score", score, options[AccuracyOption.score]),
        ] + scoredColumns.map { ("scores", $0, options[AccuracyOption.scores]) }
        for output in outputs where output.column == label {
            throw options.error("'\(output.key)' reads the model's output from '\(label)', the same column as 'label' (the truth): every row would be right", at: output.node)
        }
    }

    /// The columns holding per-class scores.
    private var scoredColumns: [String] {
        switch classScores {
        case .columns(let columns)?: return columns.map(\.column)
        case .array(let column, _)? where !column.isEmpty: return [column]
        default: return []
        }
    }

    /// Why a slice column with too many values stops the gate (its values are not named).
    func tooManySlices(in path: String) -> GateFailure {
        GateFailure("'slice_by: \(sliceBy ?? "")' has more than \(maxSlices) distinct values in \(path) (max_slices): a column "
                    + "with a value per few rows names rows, not groups, and its values must not reach a report")
    }

    static func metricNames(for task: Task) -> [String] {
        switch task {
        case .binary: return BinaryAccumulator.metricNames
        case .multiclass: return MulticlassAccumulator.metricNames
        case .regression: return RegressionAccumulator.metricNames
        }
    }
}
