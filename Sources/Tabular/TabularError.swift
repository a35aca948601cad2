/// A data file that cannot be read, located by file, row, line and column in one line of text.
public struct TabularError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that react differently (a missing column is a configuration
    /// mistake; a malformed row is bad data).
    public enum Kind: Sendable, Equatable {
        case io                // cannot open or read the file
        case syntax            // malformed CSV or JSON
        case fieldCount        // a CSV row with more or fewer fields than the header
        case value             // a field that cannot be read as what was asked (a number, a label)
        case missingColumn     // a column or path asked for that the file does not have
        case tooLong           // a record longer than the reader's limit
        case invalidOption     // a reader option that cannot work, such as a quote as delimiter
    }

    public var kind: Kind
    public var path: String
    /// The 1-based data record (header and blank lines not counted), when known.
    public var row: Int?
    /// The 1-based physical line where the record starts (or where the syntax error is).
    public var line: Int?
    /// The CSV column name, or the JSON path, that the error is about.
    public var field: String?
    /// The 1-based CSV column number, or the 1-based byte column in a JSON line.
    public var column: Int?
    public var message: String
    var isJSON = false

    public init(_ kind: Kind, path: String, row: Int? = nil, line: Int? = nil,
                field: String? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.row = row
        self.line = line
        self.field = field
        self.column = column
        self.message = message
    }

    /// `data/test.csv:row 17 (line 18), column 'score': expected a number, got "a***"`
    public var description: String {
        var text = path
        switch (row, line) {
        case let (row?, line?): text += ":row \(row) (line \(line))"
        case let (row?, nil): text += ":row \(row)"
        case let (nil, line?): text += ":line \(line)"
        case (nil, nil): break
        }
        let separator = row == nil && line == nil ? ": " : ", "
        if let field {
            text += separator + (isJSON ? "field '\(field)'" : "column '\(field)'")
            if let column, isJSON { text += " (column \(column))" }
        } else if let column {
            text += separator + "column \(column)"
        }
        return text + ": " + message
    }
}

/// A field's content as it may appear in a message: its first character and `***`, so that an
/// error about a cell never copies personal data into CI logs.
func maskedExcerpt(_ bytes: UnsafeRawBufferPointer) -> String {
    guard let first = bytes.first else { return "\"\"" }
    var length = 1
    if first >= 0xC0 {
        length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2
    }
    length = min(length, bytes.count)
    let head = UnsafeRawBufferPointer(rebasing: bytes[0 ..< length])
    guard let character = String(validating: head, as: UTF8.self),
          character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" })
    else { return "\"?***\"" }
    return "\"\(character)***\""
}
