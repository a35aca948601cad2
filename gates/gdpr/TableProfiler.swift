import ModelGate
import PersonalData
import Tabular

/// Profiles a CSV or TSV file column by column in one streaming pass.
struct TableProfiler {
    var scanner: PersonalDataScanner
    var today: PersonalData.CalendarDate
    var asOf: Int
    var declaration: DataDeclaration
    var dateColumn: String?
    var maxColumns: Int

    func profile(path: String, name: String, delimiter: UInt8) throws -> FileProfile {
        var profile = FileProfile(name: name, format: .table)
        do {
            let reader = try CSVReader(path: path, delimiter: delimiter)
            guard reader.columns.count <= maxColumns else {
                throw GateFailure("\(name) has \(reader.columns.count) columns, more than max_columns (\(maxColumns))")
            }
            let slots = try reader.columns.map { name throws(TabularError) in try reader.slot(name) }
            profile.columns = reader.columns.map { ColumnProfile(name: $0) }
            let dateSlot = try dateColumn.flatMap { column throws(TabularError) in
                reader.columns.contains(column) ? try reader.slot(column) : nil
            }
            let retention = retentionRules(columns: reader.columns)
            var matches: [PersonalDataMatch] = []
            while let row = try reader.next() {
                if row.number % 4096 == 0 { try Task.checkCancellation() }
                profile.records += 1
                for index in slots.indices {
                    let value = row.bytes(slots[index])
                    profile.bytes += value.count
                    profile.columns[index].add(value, row: row.number, scanner: scanner, today: today, matches: &matches)
                }
                if let dateSlot, !retention.isEmpty {
                    judgeRetention(row.bytes(dateSlot), row: row.number, rules: retention, present: { column in
                        !row.bytes(slots[column]).isEmpty
                    }, profile: &profile)
                }
            }
        } catch let error as TabularError {
            throw GateFailure(error.description)
        }
        return profile
    }

    /// The declared fields of this file with a retention, by column index.
    private func retentionRules(columns: [String]) -> [(column: Int, rule: RetentionRule)] {
        columns.enumerated().compactMap { index, name in
            guard let days = declaration.fields[name]?.retentionDays else { return nil }
            return (index, RetentionRule(field: name, oldestAllowed: asOf - days))
        }
    }

    private func judgeRetention(_ date: UnsafeRawBufferPointer, row: Int, rules: [(column: Int, rule: RetentionRule)],
                                present: (Int) -> Bool, profile: inout FileProfile) {
        let held = rules.filter { present($0.column) }
        guard !held.isEmpty else { return }
        guard let day = DayNumber.parse(date) else {
            profile.undated = (count: (profile.undated?.count ?? 0) + 1, firstRow: profile.undated?.firstRow ?? row)
            return
        }
        for (_, rule) in held where day < rule.oldestAllowed {
            let previous = profile.expired[rule.field]
            profile.expired[rule.field] = ((previous?.count ?? 0) + 1, previous?.firstRow ?? row)
        }
    }
}
