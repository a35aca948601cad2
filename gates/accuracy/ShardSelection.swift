import Foundation
import ModelGate
import Tabular

/// Which rows of a file are a shard's: with `id_column`, by a stable hash of the row's id as
/// written, so a row's shard does not depend on where it sits (and a predictions file splits the
/// same way as the data, so each shard indexes only its own predictions); without one, or for a
/// row whose id is missing, by row number.
struct ShardSelection {
    let shard: Shard
    let idSlot: Slot?

    init(_ shard: Shard, options: AccuracyOptions, reader: any RowReader) throws(TabularError) {
        self.shard = shard
        idSlot = try options.idColumn.map { name throws(TabularError) in try reader.slot(name) }
    }

    @inline(__always)
    func includes(_ row: Row) -> Bool {
        if let idSlot, !row.isMissing(idSlot) { return shard.includes(key: row.bytes(idSlot)) }
        return shard.includes(rowIndex: row.number - 1)
    }
}

extension InputFile {
    /// The file's size and the rows a pass read from it: every shard reads the whole file, so
    /// shards of one run must agree on both.
    static func measure(_ path: String, rows: Int) -> Self {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        return Self(bytes: size ?? 0, rows: rows)
    }
}
