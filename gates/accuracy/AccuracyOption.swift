import Document
import ModelGate
import Tabular

/// The accuracy gate's options, each declared once: the descriptor, `modelgate gates accuracy`,
/// the README and `AccuracyOptions` all read these.
enum AccuracyOption {
    static let all: [OptionSpec] = [
        data.spec, format.spec, delimiter.spec, task.spec, label.spec, prediction.spec, predictions.spec, idColumn.spec,
        score.spec, usePredictor.spec, scores.spec, classes.spec, positive.spec, threshold.spec, missing.spec,
        naValues.spec, maxSkipped.spec, sliceBy.spec, maxSlices.spec, sliceThresholds.spec, minSliceRows.spec, minRows.spec, bootstrap.spec, seed.spec,
    ]

    enum FileFormat: String, OptionChoice { case csv, tsv, jsonl }

    static let data = Option<String>("data", .path, required: true,
        help: "The test set: CSV (header row; .csv, .tsv) or JSON Lines (.jsonl, .ndjson).")
    static let format = Option<FileFormat>("format",
        help: "The test set's format, when the file name does not tell.")
    static let delimiter = Option<String>("delimiter", default: ",",
        help: "CSV field delimiter, one character (\\t for tab).")
    static let task = Option<AccuracyOptions.Task>("task", required: true,
        help: "What the model does: binary or multiclass classification, or regression.")
    static let label = Option<String>("label", required: true,
        help: "Column (CSV) or dotted path (JSON Lines) of the true label or target.")
    static let prediction = Option<String>("prediction",
        help: "Column of the predicted label (classification) or value (regression).")
    static let predictions = Option<String>("predictions", .path,
        help: "A separate file (CSV or JSON Lines; by its name, else as 'data') holding the prediction and score columns, joined to 'data' by 'id_column'. It is read into memory first: about 30 bytes plus the id per prediction, and 8 per score.")
    static let idColumn = Option<String>("id_column",
        help: "The rows' id column. With 'predictions': the column both files have; ids compare as written (7 matches \"7\", not 7.0). Every row needs exactly one prediction: unmatched ids on either side are an error with their counts (skipped and counted with 'missing: skip'); a repeated id is an error. Under 'modelgate run --shard K/N' a row's shard is a stable hash of its id (else of its row number).")
    static let score = Option<String>("score",
        help: "Binary: column of the positive class's probability; predictions are score > threshold when no prediction column is given.")
    static let usePredictor = Option<Bool>("use_predictor", default: false,
        help: "Get predictions from the candidate's predictor (candidate.predictor, type command), run on its 'inputs' columns of each row, instead of from columns. Each answer line is a number (binary: score; regression: value), a label, an array of class scores (multiclass, in the order of 'classes'), or an object with 'prediction', 'score' or 'scores'.")
    static let scores = Option<Node>("scores",
        help: "Multiclass: a mapping of class to score column, or one column holding a JSON array of scores per row (ordered by 'classes').")
    static let classes = Option<[String]>("classes",
        help: "Multiclass: the classes in the order of a 'scores' array.")
    static let positive = Option<Node>("positive", default: Node(.int(1)),
        help: "Binary: the positive class label: a number, a string, or true/false (JSON booleans).")
    static let threshold = Option<Double>("threshold", default: 0.5,
        help: "Binary: the decision threshold on 'score'.")
    static let missing = Option<AccuracyOptions.MissingPolicy>("missing", default: .error,
        help: "error: a missing value (or an id without a prediction) stops the gate, naming file, row and column; skip: skip such rows and count them.")
    static let naValues = Option<[String]>("na_values", default: MissingValueSpellings.pandasDefaultList,
        help: "CSV cells that mean 'missing' (for labels, predictions, scores, slices and ids alike), besides an empty cell; compared exactly, quoted or not. The default is pandas' read_csv list; [] makes only empty cells missing. JSON Lines use null or an absent field.")
    static let maxSkipped = Option<Share>("max_skipped", default: Share(0.01),
        help: "With 'missing: skip': the largest share of the rows (a fraction, or a percentage like \"5%\") that may be skipped for missing or unusable values; more is an error, since metrics on what is left no longer describe the test set.")
    static let sliceBy = Option<String>("slice_by",
        help: "Column whose values are slices: metrics are computed per slice, and gaps across slices.")
    static let maxSlices = Option<Int>("max_slices", default: 100, range: .atLeast(1),
        help: "The most distinct values 'slice_by' may have. A column with more (an id, an e-mail address) names rows, not groups: slicing by it is an error, and its values never reach a report. Slice values that look like personal data are shown masked in any case.")
    static let sliceThresholds = Option<Node>("slice_thresholds", .mapping,
        help: "metric: condition, checked in every slice with at least min_slice_rows rows.")
    static let minSliceRows = Option<Int>("min_slice_rows", default: 30, range: .atLeast(1),
        help: "Slices with fewer rows are reported but not judged.")
    static let minRows = Option<Int>("min_rows", default: 1, range: .atLeast(1),
        help: "A test set with fewer usable rows is an error.")
    static let bootstrap = Option<Int>("bootstrap", default: 200, range: 0...10_000,
        help: "Bootstrap resamples for intervals of gated metrics that are not proportions (0: none).")
    static let seed = Option<Int>("seed", default: 0, range: .atLeast(0),
        help: "Seed of the bootstrap, so intervals are reproducible.")
}
