/// One kind of personal data found in bytes by shape, then confirmed by its published validation.
///
/// A detector is asked only at a token start (see `PersonalDataScanner`) whose first byte is in
/// `firstBytes` and whose word carries the `signals` it needs; that is the cheap prefilter.
/// `match` then parses and validates, and returns where the match ends, or nil.
public protocol Detector: Sendable {
    var id: DetectorID { get }
    /// The bytes a match can begin with.
    var firstBytes: ByteSet { get }
    /// What the word at the start must contain for this detector to be worth asking.
    var signals: WordSignals { get }
    /// When a match begins with a digit, the forms it can begin with: how many digits, then which byte.
    var digitLeads: [DigitLead] { get }
    /// What it flags and what it must not flag, run by one test for every detector.
    var examples: DetectorExamples { get }
    /// The end offset of a validated match beginning exactly at `start`, or nil.
    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int?
}

extension Detector {
    public var digitLeads: [DigitLead] { [DigitLead(.any, then: .all)] }
}

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

/// Lengths of the run of digits a match begins with: `4111 1111 …` begins with four, `536-22-1234` with three.
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

/// A detector's own examples: each `flags` text must be matched whole, no `ignores` text at all.
public struct DetectorExamples: Sendable {
    public var flags: [String]
    public var ignores: [String]

    public init(flags: [String], ignores: [String]) {
        self.flags = flags
        self.ignores = ignores
    }
}

/// Cheap facts about the word a candidate starts in, gathered in the scanner's first pass.
public struct WordSignals: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The word holds a digit, or is followed by a space and a digit (`AB 12 34 56 C`).
    public static let digit = WordSignals(rawValue: 1)
    public static let at = WordSignals(rawValue: 2)
    public static let colon = WordSignals(rawValue: 4)
}
