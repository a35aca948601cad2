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
