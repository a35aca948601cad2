import Foundation
import ModelGate
import PersonalData
import Tabular

/// Profiles a CSV or TSV file column by column in one streaming pass: this thread reads and
/// splits the records, `workers` threads profile them (one worker: this thread does both).
struct TableProfiler {
    var scanner: PersonalDataScanner
    var today: PersonalData.CalendarDate
    var asOf: Int
    var declaration: DataDeclaration
    var dateColumn: String?
    var maxColumns: Int
    /// Threads that profile records besides the reading one; 1 profiles on the reading thread.
    var workers = TableProfiler.coreCount
    /// Records per batch handed to a worker: large, so that threads rarely wait on each other.
    var batchRows = 8192

    func profile(path: String, name: String, delimiter: UInt8) throws -> FileProfile {
        do {
            return try profile(reader: try CSVReader(path: path, delimiter: delimiter), name: name)
        } catch let error as TabularError {
            throw GateFailure(error.description)
        }
    }

    func profile(reader: CSVReader, name: String) throws -> FileProfile {
        guard reader.columns.count <= maxColumns else {
            throw GateFailure("\(name) has \(reader.columns.count) columns, more than max_columns (\(maxColumns))")
        }
        let slots = try reader.columns.map { name throws(TabularError) in try reader.slot(name) }
        var empty = FileProfile(name: name, format: .table)
        empty.columns = reader.columns.map { ColumnProfile(name: $0) }
        let records = TableRecordProfiler(scanner: scanner, today: today,
                                          dateColumn: dateColumn.flatMap { reader.columns.firstIndex(of: $0) },
                                          retention: retentionRules(columns: reader.columns))
        if workers <= 1 {
            var profile = empty
            var matches: [PersonalDataMatch] = []
            while let row = try reader.next() {
                if row.number % 4096 == 0 { try Task.checkCancellation() }
                records.add(row: row.number, field: { row.bytes(slots[$0]) }, to: &profile, matches: &matches)
            }
            return profile
        }
        let parallel = ParallelTableProfile(empty: empty, profiler: records, workers: workers, batchRows: batchRows)
        while let row = try reader.next() {
            if row.number % 4096 == 0 { try Task.checkCancellation() }
            parallel.add(row: row.number) { row.bytes(slots[$0]) }
        }
        return parallel.finish()
    }

    /// The declared fields of this file with a retention, by column index.
    private func retentionRules(columns: [String]) -> [(column: Int, rule: RetentionRule)] {
        columns.enumerated().compactMap { index, name in
            guard let days = declaration.fields[name]?.retentionDays else { return nil }
            return (index, RetentionRule(field: name, oldestAllowed: asOf - days))
        }
    }

    /// Cores this process may run on.
    static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
