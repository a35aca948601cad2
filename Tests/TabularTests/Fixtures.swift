import Foundation
@testable import Tabular

/// Every row of a CSV text as the strings of its bytes (nil = missing), one array per row, in column order.
func csvValues(_ text: String, columns: [String], delimiter: UInt8 = UInt8(ascii: ","),
               chunkSize: Int = defaultChunkSize) throws -> [[String?]] {
    let reader = try CSVReader(bytes: Array(text.utf8), name: "test.csv", delimiter: delimiter, chunkSize: chunkSize)
    return try values(of: reader, paths: columns)
}

/// Every row of a JSON Lines text as strings (nil = missing), one array per row, in path order.
func jsonValues(_ text: String, paths: [String], chunkSize: Int = defaultChunkSize) throws -> [[String?]] {
    let reader = JSONLinesReader(bytes: Array(text.utf8), name: "test.jsonl", chunkSize: chunkSize)
    return try values(of: reader, paths: paths)
}

func values(of reader: any RowReader, paths: [String]) throws -> [[String?]] {
    let slots = try paths.map { try reader.slot($0) }
    var rows: [[String?]] = []
    try reader.forEachRow { row in
        rows.append(slots.map { row.isMissing($0) ? nil : String(decoding: row.bytes($0), as: UTF8.self) })
    }
    return rows
}

/// The description of the error that reading all of `reader`'s rows throws, or nil.
func readingError(_ reader: () throws -> any RowReader, paths: [String] = []) -> String? {
    do {
        let reader = try reader()
        _ = try values(of: reader, paths: paths)
        return nil
    } catch {
        return String(describing: error)
    }
}

/// Calls `body` with the path of a file holding `bytes`, in a fresh temporary directory that
/// is removed afterwards.
func withTemporaryFile<T>(named name: String, _ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("tabular-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return try body(url.path)
}

/// Chunk sizes that put a chunk boundary at every possible place in small inputs.
let tinyChunkSizes = [1, 2, 3, 7, 64]
