import Document
import ModelGate

/// The GDPR gate's options, each declared once: the descriptor, `modelgate gates gdpr`, the README
/// and `GDPROptions` all read these.
enum GDPROption {
    static let all: [OptionSpec] = [data.spec, declaration.spec, minShare.spec, dateColumn.spec, asOf.spec, usePredictor.spec,
                                    predictorRows.spec, inventory.spec, maxColumns.spec]

    static let data = Option<[String]>("data", required: true,
        help: "Files to scan: CSV or TSV (profiled per column), JSON Lines (.jsonl, .ndjson; profiled per JSON path), anything else as text (logs: every line scanned).")
    static let declaration = Option<String>("declaration", .path,
        help: "The data declaration (YAML): the personal fields the team holds, each with purpose, lawful basis (Art. 6), retention in days, and whether it is pseudonymised; special categories with their Art. 9 condition. Without one, every personal field found is undeclared.")
    static let minShare = Option<Share>("min_share", default: Share(0.5),
        help: "The share of a column's non-empty values a detector or value shape must accept for the column to be of that kind; fewer matches are still reported, as personal data inside the column.")
    static let dateColumn = Option<String>("date_column",
        help: "The column (or JSON path) holding each record's date (YYYY-MM-DD, or an ISO-8601 time): records older than a declared field's retention are findings.")
    static let asOf = Option<String>("as_of",
        help: "The day retention is counted to, YYYY-MM-DD (default: today, UTC).")
    static let usePredictor = Option<Bool>("use_predictor", default: false,
        help: "Send rows of the first tabular data file to the candidate's predictor and scan its answers: personal data in a model's answers is a critical finding.")
    static let predictorRows = Option<Int>("predictor_rows", default: 1000, range: 1...1_000_000,
        help: "How many rows 'use_predictor' sends.")
    static let inventory = Option<String>("inventory", .path,
        help: "Where to write the column profile as a data inventory (JSON): per file and column, the kinds of personal data found, their shares and counts, and what the declaration says of them. Must not be one of the files scanned.")
    static let maxColumns = Option<Int>("max_columns", default: 4096, range: 1...1_000_000,
        help: "The most columns or JSON paths profiled per file; more is an error, not a partial profile.")
}
