/// Cheap facts about the word a candidate starts in, gathered in the scanner's first pass.
public struct WordSignals: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The word holds a digit, or is followed by a space and a digit (`AB 12 34 56 C`).
    public static let digit = WordSignals(rawValue: 1)
    public static let at = WordSignals(rawValue: 2)
    public static let colon = WordSignals(rawValue: 4)
}
