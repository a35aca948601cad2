/// A set of byte values, tested with one shift and mask.
public struct ByteSet: Sendable, Equatable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    public init() {}

    public init(_ ascii: String) {
        for byte in ascii.utf8 { insert(byte) }
    }

    public init(ranges: ClosedRange<UInt8>...) {
        for range in ranges { for byte in range { insert(byte) } }
    }

    public mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    public func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    public func union(_ other: ByteSet) -> ByteSet {
        var result = self
        result.words.0 |= other.words.0
        result.words.1 |= other.words.1
        result.words.2 |= other.words.2
        result.words.3 |= other.words.3
        return result
    }

    public static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    public func subtracting(_ other: ByteSet) -> ByteSet {
        var result = self
        result.words.0 &= ~other.words.0
        result.words.1 &= ~other.words.1
        result.words.2 &= ~other.words.2
        result.words.3 &= ~other.words.3
        return result
    }

    public static let all = ByteSet(ranges: 0...255)
    public static let digits = ByteSet(ranges: 0x30...0x39)
    public static let upper = ByteSet(ranges: 0x41...0x5A)
    public static let lower = ByteSet(ranges: 0x61...0x7A)
    public static let hex = ByteSet(ranges: 0x30...0x39, 0x41...0x46, 0x61...0x66)
    public static let alphanumeric = digits.union(upper).union(lower)
}
