#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The cell texts a CSV file uses for "no value", besides an empty cell: `NA`, `NaN`, `NULL`...
/// Data people write missing values this way, and pandas reads them so; reading `NA` as a class or
/// `nan` as a score would invent a label or poison a metric. Matching is exact and case-sensitive,
/// as in pandas, and costs one length check for almost every cell.
public struct MissingValueSpellings: Sendable, Equatable {
    public let spellings: [String]
    /// The spellings by byte length, so a cell is compared only with those of its own length.
    private let byLength: [[[UInt8]]]

    public init(_ spellings: [String]) {
        self.spellings = spellings
        let encoded = spellings.map { Array($0.utf8) }.filter { !$0.isEmpty }
        var byLength = Array(repeating: [[UInt8]](), count: (encoded.map(\.count).max() ?? 0) + 1)
        for bytes in encoded where !byLength[bytes.count].contains(bytes) { byLength[bytes.count].append(bytes) }
        self.byLength = byLength
    }

    /// Only empty cells are missing.
    public static let none = MissingValueSpellings([])

    /// pandas' `read_csv` default `na_values` (pandas 2.x, `pandas._libs.parsers.STR_NA_VALUES`),
    /// less the empty string, which is always missing here.
    public static let pandasDefaultList = ["#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
                                           "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]

    public static let pandasDefault = MissingValueSpellings(pandasDefaultList)

    @inline(__always)
    func matches(_ base: UnsafeRawPointer, count: Int) -> Bool {
        guard count < byLength.count else { return false }
        for spelling in byLength[count] where spelling.withUnsafeBytes({ memcmp($0.baseAddress!, base, count) == 0 }) {
            return true
        }
        return false
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.spellings == rhs.spellings }
}
