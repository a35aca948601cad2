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
    // A cell can match only if a spelling has its length and its first byte: two bit tests
    // that turn away almost every cell (numbers, words) before any comparison, with no
    // reference counting on the path every cell takes. Bit n of `lengths`: a spelling of n
    // bytes (63: of 63 or more). `firstBytes`: bit b of word b / 64, for each first byte b.
    private let lengths: UInt64
    private let firstBytes: (UInt64, UInt64, UInt64, UInt64)

    public init(_ spellings: [String]) {
        self.spellings = spellings
        let encoded = spellings.map { Array($0.utf8) }.filter { !$0.isEmpty }
        var byLength = Array(repeating: [[UInt8]](), count: (encoded.map(\.count).max() ?? 0) + 1)
        for bytes in encoded where !byLength[bytes.count].contains(bytes) { byLength[bytes.count].append(bytes) }
        self.byLength = byLength
        var lengths: UInt64 = 0
        var firstBytes: [UInt64] = [0, 0, 0, 0]
        for bytes in encoded {
            lengths |= 1 << UInt64(min(bytes.count, 63))
            firstBytes[Int(bytes[0] >> 6)] |= 1 << UInt64(bytes[0] & 63)
        }
        self.lengths = lengths
        self.firstBytes = (firstBytes[0], firstBytes[1], firstBytes[2], firstBytes[3])
    }

    /// Only empty cells are missing.
    public static let none = MissingValueSpellings([])

    /// pandas' `read_csv` default `na_values` (pandas 2.x, `pandas._libs.parsers.STR_NA_VALUES`),
    /// less the empty string, which is always missing here.
    public static let pandasDefaultList = ["#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
                                           "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]

    public static let pandasDefault = MissingValueSpellings(pandasDefaultList)

    /// Whether the `count` bytes at `base` (at least one) spell a missing value.
    @inline(__always)
    func matches(_ base: UnsafeRawPointer, count: Int) -> Bool {
        guard count > 0, lengths >> UInt64(min(count, 63)) & 1 != 0 else { return false }
        let first = base.load(as: UInt8.self)
        let word: UInt64
        switch first >> 6 {
        case 0: word = firstBytes.0
        case 1: word = firstBytes.1
        case 2: word = firstBytes.2
        default: word = firstBytes.3
        }
        guard word >> UInt64(first & 63) & 1 != 0 else { return false }
        return matchesSpelling(base, count: count)
    }

    @inline(never)
    private func matchesSpelling(_ base: UnsafeRawPointer, count: Int) -> Bool {
        guard count < byLength.count else { return false }
        for spelling in byLength[count] where spelling.withUnsafeBytes({ memcmp($0.baseAddress!, base, count) == 0 }) {
            return true
        }
        return false
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.spellings == rhs.spellings }
}
