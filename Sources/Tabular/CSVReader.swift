// Quoted fields may hold the delimiter, doubled quotes and line breaks; CRLF and LF both end
// records; a UTF-8 byte-order mark is skipped; blank lines are skipped (as pandas does). An empty
// field, quoted or not, is a missing value, and so is a cell spelled as in `missingValues`.

/// Reads an RFC 4180 CSV file (header row required) one record at a time, in bounded memory.
public final class CSVReader: RowReader {
    public let path: String
    /// The header's column names, in order.
    @exclusivity(unchecked) public private(set) var columns: [String] = []
    let input: ChunkedInput
    let delimiter: UInt8
    let context: RowContext
    /// Field boundaries of the record being scanned, one per header column.
    /// (`@exclusivity(unchecked)`: see ChunkedInput.)
    @exclusivity(unchecked) var spans: UnsafeMutablePointer<FieldSpan>
    @exclusivity(unchecked) var spanCapacity: Int
    @exclusivity(unchecked) private var slotColumns: [Int] = []
    @exclusivity(unchecked) var rowNumber = 0
    /// The physical line at which the next record starts.
    @exclusivity(unchecked) var lineNumber = 1
    private var headerLine = 1
    /// Cell texts read as missing, besides an empty cell (`NA`, `NaN`... with `.pandasDefault`).
    /// (`@exclusivity(unchecked)`: read for every cell; see ChunkedInput.)
    @exclusivity(unchecked) public var missingValues = MissingValueSpellings.none

    /// Opens `path` and reads its header. `delimiter` is one ASCII byte: `,`, `;`, tab, `|`...
    public convenience init(path: String, delimiter: UInt8 = UInt8(ascii: ","),
                            chunkSize: Int = defaultChunkSize,
                            maxRecordBytes: Int = defaultMaxRecordBytes) throws(TabularError) {
        try Self.check(delimiter, path: path)
        let input = try ChunkedInput(path: path, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        try self.init(input: input, delimiter: delimiter)
    }

    /// Reads CSV from memory (tests, fuzzing); `name` stands for the path in error messages.
    public convenience init(bytes: [UInt8], name: String = "<memory>", delimiter: UInt8 = UInt8(ascii: ","),
                            chunkSize: Int = defaultChunkSize,
                            maxRecordBytes: Int = defaultMaxRecordBytes) throws(TabularError) {
        try Self.check(delimiter, path: name)
        let input = ChunkedInput(bytes: bytes, name: name, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        try self.init(input: input, delimiter: delimiter)
    }

    private init(input: ChunkedInput, delimiter: UInt8) throws(TabularError) {
        self.input = input
        self.delimiter = delimiter
        path = input.path
        context = RowContext(path: input.path, isJSON: false)
        spanCapacity = 16
        spans = .allocate(capacity: spanCapacity)
        columns = try readHeader()
    }

    deinit { spans.deallocate() }

    private static func check(_ delimiter: UInt8, path: String) throws(TabularError) {
        guard delimiter < 0x80, delimiter != UInt8(ascii: "\""), delimiter != 0x0A, delimiter != 0x0D else {
            throw TabularError(.invalidOption, path: path,
                               message: "the delimiter must be one ASCII character other than a quote or a line break")
        }
    }

    public func slot(_ name: String) throws(TabularError) -> Slot {
        let matches = columns.indices.filter { columns[$0] == name }
        guard let column = matches.first else {
            let shown = columns.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
            throw TabularError(.missingColumn, path: path, line: headerLine,
                               message: "no column '\(name)' in the header (columns: \(shown)\(columns.count > 12 ? ", ..." : ""))")
        }
        guard matches.count == 1 else {
            throw TabularError(.missingColumn, path: path, line: headerLine,
                               message: "column '\(name)' appears more than once in the header (columns \(matches.map { String($0 + 1) }.joined(separator: ", ")))")
        }
        slotColumns.append(column)
        return context.addSlot(named: name)
    }

    public func next() throws(TabularError) -> Row? {
        while true {
            switch try scanRecord(header: false) {
            case .needMore:
                try refill()
            case .endOfInput:
                return nil
            case let .record(next, fieldCount, lines):
                if isBlank(fieldCount) {
                    consume(to: next, lines: lines)
                    continue
                }
                rowNumber += 1
                guard fieldCount == columns.count else {
                    throw TabularError(.fieldCount, path: path, row: rowNumber, line: lineNumber,
                                       message: "expected \(columns.count) fields as in the header, found \(fieldCount)")
                }
                fillSlots()
                let row = Row(context: context, number: rowNumber, line: lineNumber)
                consume(to: next, lines: lines)
                return row
            }
        }
    }

    private func readHeader() throws(TabularError) -> [String] {
        while input.available < 3, try input.refill() {}
        if input.available >= 3, input.buffer[input.start] == 0xEF,
           input.buffer[input.start + 1] == 0xBB, input.buffer[input.start + 2] == 0xBF {
            input.start += 3
        }
        while true {
            switch try scanRecord(header: true) {
            case .needMore:
                try refill()
            case .endOfInput:
                throw TabularError(.syntax, path: path, line: lineNumber, message: "empty file: no header row")
            case let .record(next, fieldCount, lines):
                if isBlank(fieldCount) {
                    consume(to: next, lines: lines)
                    continue
                }
                var names = [String]()
                for column in 0 ..< fieldCount {
                    let span = unescape(column)
                    let bytes = UnsafeRawBufferPointer(start: input.buffer + span.start, count: span.end - span.start)
                    // Lone CRs end lines only in classic Mac files; reading those as one long
                    // header would give baffling errors later, so say what it is.
                    if span.flags & FieldSpan.quoted == 0, bytes.contains(0x0D) {
                        throw TabularError(.syntax, path: path, line: lineNumber, column: column + 1,
                                           message: "carriage returns without line feeds: convert the line breaks to LF or CRLF")
                    }
                    guard let name = String(validating: bytes, as: UTF8.self) else {
                        throw TabularError(.syntax, path: path, line: lineNumber, column: column + 1,
                                           message: "invalid UTF-8 in the header")
                    }
                    names.append(name)
                }
                headerLine = lineNumber
                consume(to: next, lines: lines)
                return names
            }
        }
    }

    private func refill() throws(TabularError) {
        do {
            try input.refill(recordLine: lineNumber)
        } catch var error where error.kind == .tooLong {
            if !columns.isEmpty { error.row = rowNumber + 1 }
            error.message += " (an unclosed quote?)"
            throw error
        }
    }

    /// A line with nothing on it (not even `""`) is skipped, not read as a row of one empty field.
    private func isBlank(_ fieldCount: Int) -> Bool {
        fieldCount == 1 && spans[0].start == spans[0].end && spans[0].flags & FieldSpan.quoted == 0
    }

    private func consume(to next: Int, lines: Int) {
        input.start = next
        lineNumber += lines
    }

    private func fillSlots() {
        // Indices, not `enumerated()`: iterating the array retains and releases it on every row.
        let fields = context.fields
        for slot in 0 ..< slotColumns.count {
            let span = unescape(slotColumns[slot])
            let start = input.buffer + span.start
            let count = span.end - span.start
            fields[slot] = Field(base: UnsafeRawPointer(start), count: count,
                                 kind: count == 0 || missingValues.matches(start, count: count) ? .missing : .text)
        }
    }

    /// Turns each `""` of a quoted field into `"`, in place: the text only shrinks, and the
    /// record's bytes are not scanned again.
    private func unescape(_ column: Int) -> FieldSpan {
        var span = spans[column]
        guard span.flags & FieldSpan.escaped != 0 else { return span }
        let bytes = input.buffer
        var read = span.start
        var write = span.start
        while read < span.end {
            bytes[write] = bytes[read]
            read += bytes[read] == UInt8(ascii: "\"") ? 2 : 1
            write += 1
        }
        span.end = write
        span.flags &= ~FieldSpan.escaped
        spans[column] = span
        return span
    }
}

/// Where a field of the current record lies in the buffer (quotes excluded).
struct FieldSpan {
    var start: Int
    var end: Int
    var flags: UInt8

    static let quoted: UInt8 = 1
    static let escaped: UInt8 = 2
}
