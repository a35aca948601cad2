/// Lengths of the run of digits a match begins with: `4111 1111 …` begins with four,
/// `536-22-1234` with three.
public struct LeadingDigits: Sendable {
    let mask: UInt64

    public init(_ lengths: Int...) {
        mask = lengths.reduce(0) { $0 | (1 << UInt64($1)) }
    }

    public init(_ range: ClosedRange<Int>) {
        mask = range.reduce(0) { $0 | (1 << UInt64($1)) }
    }

    private init(mask: UInt64) { self.mask = mask }

    public static let any = LeadingDigits(mask: .max)

    /// Runs longer than 63 digits count as 63, which no detector allows.
    @inline(__always) func allows(_ length: Int) -> Bool { mask & (1 << UInt64(min(length, 63))) != 0 }
}
