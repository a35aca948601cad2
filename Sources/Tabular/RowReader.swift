// How a consumer reads a test set: resolve the few fields it needs to slots, once, then take
// them from each row as numbers, labels or bytes; nothing is allocated per row.
//
//     let reader = try openTable("data/test.csv", format: .csv(delimiter: UInt8(ascii: ",")))
//     let label = try reader.slot("label"), score = try reader.slot("score")
//     var classes = LabelTable()
//     try reader.forEachRow { row in
//         guard let y = try row.label(label, in: &classes), let p = try row.double(score) else {
//             return skipped += 1   // missing value: skip and count, or throw row.error(...)
//         }
//         ...
//     }

/// A streaming reader of records, one at a time, through slots resolved before reading.
public protocol RowReader: AnyObject {
    /// The file path (or name of the memory input), as used in error messages.
    var path: String { get }
    /// Resolves a CSV column name or a JSON Lines dotted path (`output.score`, `probs.0`).
    func slot(_ name: String) throws(TabularError) -> Slot
    /// The next record, or nil at the end of the input. The row, and any bytes taken from it,
    /// are valid only until the next call.
    func next() throws(TabularError) -> Row?
}

extension RowReader {
    /// Calls `body` with every remaining record, in order.
    public func forEachRow(_ body: (Row) throws -> Void) throws {
        while let row = try next() { try body(row) }
    }
}

/// The formats the readers understand.
public enum TableFormat: Sendable, Equatable {
    case csv(delimiter: UInt8)
    case jsonLines

    /// The format a file name suggests: `.csv`, `.tsv`, `.jsonl`/`.ndjson`; nil otherwise.
    public init?(path: String) {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".csv") {
            self = .csv(delimiter: UInt8(ascii: ","))
        } else if lowered.hasSuffix(".tsv") {
            self = .csv(delimiter: 0x09)
        } else if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
            self = .jsonLines
        } else {
            return nil
        }
    }
}

/// Opens `path` with the reader for `format`; a CSV reader has read the header when this returns.
/// `missingValues` are the CSV cell texts that mean "no value" (JSON Lines has `null` for that).
public func openTable(_ path: String, format: TableFormat,
                      missingValues: MissingValueSpellings = .none) throws(TabularError) -> any RowReader {
    switch format {
    case .csv(let delimiter):
        let reader = try CSVReader(path: path, delimiter: delimiter)
        reader.missingValues = missingValues
        return reader
    case .jsonLines: return try JSONLinesReader(path: path)
    }
}

/// Read-buffer defaults: chunks of 4 MiB, and no record longer than 64 MiB (so a file without
/// line breaks, or an unclosed quote, fails instead of filling memory).
public let defaultChunkSize = 4 << 20
public let defaultMaxRecordBytes = 64 << 20
