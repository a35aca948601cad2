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
    /// What it flags and what it must not flag, run by one test for every detector.
    var examples: DetectorExamples { get }
    /// The end offset of a validated match beginning exactly at `start`, or nil.
    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int?
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
