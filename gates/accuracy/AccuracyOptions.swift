import Document
import ModelGate
import Tabular

/// The accuracy gate's options, checked once before anything runs.
struct AccuracyOptions: Sendable {
    enum Task: String, Sendable, CaseIterable { case binary, multiclass, regression }
    enum MissingPolicy: String, Sendable { case error, skip }

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
    var sliceBy: String?
    var sliceThresholds: [(metric: String, condition: Condition)]
    var minSliceRows: Int
    var minRows: Int
    var bootstrapResamples: Int
    var seed: UInt64
    /// Predictions come from the candidate's predictor, run on the `inputs` columns of each row.
    var usePredictor: Bool

    init(_ options: GateOptions) throws(ConfigError) {
        guard let data = options.string("data") else { throw options.error("'data' is required", at: nil) }
        self.data = data
        format = try Self.format(options, data: data)
        predictions = try Self.predictions(options, dataFormat: format)
        idColumn = options.string("id_column")
        guard let taskText = options.string("task"), let task = Task(rawValue: taskText) else {
            throw options.error("'task' must be one of \(Task.allCases.map(\.rawValue).joined(separator: ", "))", at: options["task"])
        }
        self.task = task
        label = options.string("label")!
        prediction = options.string("prediction")
        score = options.string("score")
        positive = try Self.positive(options)
        threshold = options.number("threshold") ?? 0.5
        guard let missingText = options.string("missing"), let missing = MissingPolicy(rawValue: missingText) else {
            throw options.error("'missing' must be 'error' or 'skip'", at: options["missing"])
        }
        self.missing = missing
        sliceBy = options.string("slice_by")
        minSliceRows = options.integer("min_slice_rows") ?? 30
        minRows = options.integer("min_rows") ?? 1
        bootstrapResamples = options.integer("bootstrap") ?? 200
        seed = UInt64(truncatingIfNeeded: options.integer("seed") ?? 0)
        guard minRows >= 1 else { throw options.error("'min_rows' must be at least 1", at: options["min_rows"]) }
        guard minSliceRows >= 1 else { throw options.error("'min_slice_rows' must be at least 1", at: options["min_slice_rows"]) }
        guard (0...10_000).contains(bootstrapResamples) else {
            throw options.error("'bootstrap' must be between 0 (off) and 10000 resamples", at: options["bootstrap"])
        }
        guard threshold.isFinite else { throw options.error("'threshold' must be a finite number", at: options["threshold"]) }
        usePredictor = options.bool("use_predictor") ?? false
        if usePredictor {
            // The predictor's answers take the place of every output column.
            for key in ["prediction", "score", "scores", "predictions"] where options[key] != nil {
                throw options.error("'\(key)' reads predictions from a file; with 'use_predictor: true' they come from the candidate's predictor", at: options[key])
            }
            classScores = try options.stringList("classes").map { classes throws(ConfigError) in
                guard Set(classes.map { Label(text: $0) }).count == classes.count, !classes.isEmpty else {
                    throw options.error("'classes' lists a class twice, or none", at: options["classes"])
                }
                return .array(column: "", classes: classes)
            }
        } else {
            classScores = try Self.classScores(options)
        }

        sliceThresholds = []
        if let node = options["slice_thresholds"] {
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
        try checkJoin(options)
    }

    /// What each task needs to compute anything.
    private func checkColumns(_ options: GateOptions) throws(ConfigError) {
        if usePredictor {
            if task == .regression, classScores != nil { throw options.error("'classes' is for classification tasks", at: options["classes"]) }
            return
        }
        switch task {
        // A score option of the wrong task first: it explains why the right one seems missing.
        case .binary:
            if classScores != nil { throw options.error("'scores' is for multiclass tasks; a binary task takes 'score'", at: options["scores"]) }
            guard prediction != nil || score != nil else {
                throw options.error("a binary task needs 'prediction' (predicted labels) or 'score' (the positive class's probability), or both", at: nil)
            }
        case .multiclass:
            if score != nil { throw options.error("'score' is for binary tasks; a multiclass task takes 'scores'", at: options["score"]) }
            guard prediction != nil || classScores != nil else {
                throw options.error("a multiclass task needs 'prediction' or per-class 'scores', or both", at: nil)
            }
        case .regression:
            guard prediction != nil else { throw options.error("a regression task needs 'prediction' (the predicted value)", at: nil) }
            if score != nil || classScores != nil {
                throw options.error("a regression task takes 'prediction' only, not scores", at: options["score"] ?? options["scores"])
            }
        }
    }

    static func metricNames(for task: Task) -> [String] {
        switch task {
        case .binary: return BinaryAccumulator.metricNames
        case .multiclass: return MulticlassAccumulator.metricNames
        case .regression: return RegressionAccumulator.metricNames
        }
    }
}
