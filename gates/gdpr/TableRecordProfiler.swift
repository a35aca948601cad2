import PersonalData

/// What profiling one CSV record takes, shared by every thread that profiles records: each cell
/// is added to its column's profile, and the record's date is held against the declared
/// fields' retention.
struct TableRecordProfiler: Sendable {
    var scanner: PersonalDataScanner
    var today: PersonalData.CalendarDate
    /// The column holding each record's date, when retention is checked.
    var dateColumn: Int?
    /// The declared fields of the file with a retention, by column index.
    var retention: [(column: Int, rule: RetentionRule)]

    /// Adds record `row`, whose cell in column `i` is `field(i)`, to `profile`.
    @inline(__always)
    func add(row: Int, field: (Int) -> UnsafeRawBufferPointer, to profile: inout FileProfile,
             matches: inout [PersonalDataMatch]) {
        profile.records += 1
        for index in profile.columns.indices {
            let value = field(index)
            profile.bytes += value.count
            profile.columns[index].add(value, row: row, scanner: scanner, today: today, matches: &matches)
        }
        if let dateColumn, !retention.isEmpty {
            judgeRetention(field(dateColumn), row: row, present: { !field($0).isEmpty }, profile: &profile)
        }
    }

    private func judgeRetention(_ date: UnsafeRawBufferPointer, row: Int, present: (Int) -> Bool, profile: inout FileProfile) {
        let held = retention.filter { present($0.column) }
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
