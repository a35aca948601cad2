import PersonalData

/// What one scanned file holds: per column (or JSON path) profiles for tables, per detector
/// matches for text, and the records past a declared field's retention.
struct FileProfile: Sendable {
    enum Format: String, Sendable { case table, jsonLines = "json_lines", text }

    var name: String
    var format: Format
    var records = 0
    var bytes = 0
    var columns: [ColumnProfile] = []
    /// Text files: matches per detector, with the first line and a masked excerpt.
    var textMatches: [DetectorID: (count: Int, line: Int, excerpt: String)] = [:]
    /// Per declared field: records older than its retention, and the first such record.
    var expired: [String: (count: Int, firstRow: Int)] = [:]
    /// Records whose date could not be read, while some field present has a retention.
    var undated: (count: Int, firstRow: Int)?
}

/// Calendar days, for retention: a day number from a `YYYY-MM-DD` prefix (Howard Hinnant's
/// days-from-civil algorithm), so an ISO-8601 time counts by its day.
enum DayNumber {
    static func parse(_ value: UnsafeRawBufferPointer) -> Int? {
        guard value.count >= 10, value[4] == 0x2D, value[7] == 0x2D else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var number = 0
            for index in range {
                let byte = value[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                number = number * 10 + Int(byte - 0x30)
            }
            return number
        }
        guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10),
              PersonalData.CalendarDate.isValid(year: year, month: month, day: day) else { return nil }
        if value.count > 10, value[10] != UInt8(ascii: "T"), value[10] != 0x20 { return nil }
        return days(year: year, month: month, day: day)
    }

    static func parse(_ text: String) -> Int? { Array(text.utf8).withUnsafeBytes { parse($0) } }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// What a record's date decides: for each declared field with a retention present in the file,
/// the last day a record may be from.
struct RetentionRule: Sendable {
    var field: String
    /// Records dated before this day are past the field's retention.
    var oldestAllowed: Int
}
