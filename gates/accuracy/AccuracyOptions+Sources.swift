import Document
import ModelGate
import Tabular

/// Reading the options that say where values come from: file formats, the predictions file and its
/// join, the positive class, and per-class scores.
extension AccuracyOptions {
    static func format(_ options: GateOptions, data: String) throws(ConfigError) -> TableFormat {
        let delimiter = try Self.delimiter(options)
        switch options.value(AccuracyOption.format) {
        case .csv?: return .csv(delimiter: delimiter ?? UInt8(ascii: ","))
        case .tsv?: return .csv(delimiter: 0x09)
        case .jsonl?: return .jsonLines
        case nil:
            guard let guessed = guessedFormat(data, delimiter: delimiter) else {
                throw options.error("cannot tell the format of '\(data)' from its name; set 'format' to csv, tsv or jsonl", at: options[AccuracyOption.data])
            }
            return guessed
        }
    }

    /// The format a file's name tells, with a configured delimiter for a `.csv` file.
    private static func guessedFormat(_ path: String, delimiter: UInt8?) -> TableFormat? {
        guard let guessed = TableFormat(path: path) else { return nil }
        if case .csv = guessed, let delimiter { return .csv(delimiter: delimiter) }
        return guessed
    }

    private static func delimiter(_ options: GateOptions) throws(ConfigError) -> UInt8? {
        // Only a delimiter the user wrote overrides what a file's name tells (a .tsv is tab-separated).
        guard options[AccuracyOption.delimiter] != nil, let text = options.value(AccuracyOption.delimiter) else { return nil }
        let bytes = Array((text == "\\t" ? "\t" : text).utf8)
        guard bytes.count == 1, bytes[0] != UInt8(ascii: "\""), bytes[0] != 10, bytes[0] != 13 else {
            throw options.error("'delimiter' must be one character (not a quote or newline), like ';' or '\\t'", at: options[AccuracyOption.delimiter])
        }
        return bytes[0]
    }

    /// The predictions file: its name tells its format, or else it has the data's format.
    static func predictions(_ options: GateOptions, dataFormat: TableFormat) throws(ConfigError) -> (path: String, format: TableFormat)? {
        guard let path = options.value(AccuracyOption.predictions) else { return nil }
        return (path, guessedFormat(path, delimiter: try delimiter(options)) ?? dataFormat)
    }

    /// A join needs its key column. (A key column without a join is the key of `--shard` runs.)
    func checkJoin(_ options: GateOptions) throws(ConfigError) {
        if predictions != nil, idColumn == nil {
            throw options.error("'predictions' are joined to the data row by row: set 'id_column' to the id column both files have", at: options[AccuracyOption.predictions])
        }
    }

    /// The positive class as a label: YAML `true` is the boolean (JSON Lines booleans), `1` the
    /// number, and a string reads as a CSV cell does ("1" is the number 1, "yes" a string).
    static func positive(_ options: GateOptions) throws(ConfigError) -> Label {
        let node = try options.require(AccuracyOption.positive)
        switch node.value {
        case .bool(let value): return Label(value)
        case .int(let value): return Label(value)
        case .double(let value): return Label(value)
        case .string(let text): return Label(text: text)
        default:
            throw options.error("'positive' must be one label (a number, a string, or true/false), got \(node.kindDescription)", at: node)
        }
    }

    static func classScores(_ options: GateOptions) throws(ConfigError) -> ClassScores? {
        guard let node = options[AccuracyOption.scores] else {
            if let classes = options[AccuracyOption.classes] { throw options.error("'classes' orders the array in 'scores'; give 'scores' too", at: classes) }
            return nil
        }
        if let column = node.stringValue {
            guard let classes = options.value(AccuracyOption.classes), !classes.isEmpty else {
                throw options.error("'scores: \(column)' holds an array per row; 'classes' must list the classes in its order", at: node)
            }
            // By value, as labels compare: 1 and 1.0 are one class.
            guard Set(classes.map { Label(text: $0) }).count == classes.count else {
                throw options.error("'classes' lists a class twice", at: options[AccuracyOption.classes])
            }
            return .array(column: column, classes: classes)
        }
        guard let members = node.objectValue, members.count >= 2 else {
            throw options.error("'scores' must map each class to its score column ({cat: p_cat, dog: p_dog}), or name one column of arrays", at: node)
        }
        var columns: [(String, String)] = []
        for member in members {
            guard let column = member.value.stringValue else {
                throw ConfigError("the score column of class '\(member.key)' must be a column name", path: options.path, at: member.value.location)
            }
            columns.append((member.key, column))
        }
        guard Set(columns.map { Label(text: $0.0) }).count == columns.count else {
            throw options.error("'scores' names a class twice (1 and 1.0 are one class)", at: node)
        }
        return .columns(columns)
    }

    /// The classes that have scores, in score order (they take the first class ids).
    var scoredClasses: [String] {
        switch classScores {
        case .columns(let columns)?: return columns.map(\.label)
        case .array(_, let classes)?: return classes
        case nil: return []
        }
    }
}
