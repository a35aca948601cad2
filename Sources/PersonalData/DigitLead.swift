/// One way a match can begin: a run of so many digits, then one of these bytes, then a run of so
/// many digits (`123.456.789-09`: three, `.`, three). The scanner measures these once per candidate
/// and asks only the detectors with a fitting lead, which spares most numbers (timestamps,
/// counters, amounts) every full parse. A space counts as a space only when a digit or `(` follows
/// it; otherwise as `DigitLead.spaceThenOther`.
public struct DigitLead: Sendable {
    public var lengths: LeadingDigits
    public var followers: ByteSet
    /// Digits right after the follower (0 when none), counted up to `DigitLead.longestSecondRun`.
    public var secondRun: LeadingDigits

    public init(_ lengths: LeadingDigits, then followers: ByteSet, then secondRun: LeadingDigits = .any) {
        self.lengths = lengths
        self.followers = followers
        self.secondRun = secondRun
    }

    /// Longer second runs count as this long.
    public static let longestSecondRun = 15
    /// Longer first runs count as this long; no identifier starts with twenty digits.
    public static let longestFirstRun = 20

    /// Stands for a space followed by something other than a digit (`4821 requests`).
    public static let spaceThenOther: UInt8 = 0x01
    /// What may follow a bare number: anything but a digit (the scanner checks the boundary itself).
    public static let bare = ByteSet.all.subtracting(.digits)

    func admits(length: Int, follower: UInt8, secondRun: Int) -> Bool {
        lengths.allows(length) && followers.contains(follower) && self.secondRun.allows(secondRun)
    }
}
