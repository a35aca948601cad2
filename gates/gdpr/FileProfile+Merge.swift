extension FileProfile {
    /// Adds the profile of other records of the same file (see `ColumnProfile.merge`): columns
    /// are merged by position, record and byte counts add, expired and undated records add with
    /// the lower first row kept.
    mutating func merge(_ other: FileProfile) {
        precondition(other.columns.count == columns.count, "profiles of the same table are merged")
        for index in columns.indices { columns[index].merge(other.columns[index]) }
        mergeRecords(other)
    }

    /// `merge` without the columns, for profiles whose columns are matched by name (JSON paths).
    mutating func mergeRecords(_ other: FileProfile) {
        records += other.records
        bytes += other.bytes
        for (detector, seen) in other.textMatches {
            if let mine = textMatches[detector] {
                textMatches[detector] = (mine.count + seen.count, mine.line <= seen.line ? mine.line : seen.line,
                                         mine.line <= seen.line ? mine.excerpt : seen.excerpt)
            } else {
                textMatches[detector] = seen
            }
        }
        expired.merge(other.expired) { ($0.count + $1.count, min($0.firstRow, $1.firstRow)) }
        if let theirs = other.undated {
            undated = undated.map { ($0.count + theirs.count, min($0.firstRow, theirs.firstRow)) } ?? theirs
        }
    }
}
