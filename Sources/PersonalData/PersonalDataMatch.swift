/// One validated match: which detector, and the byte range in the scanned text.
public struct PersonalDataMatch: Sendable, Hashable {
    public var detector: DetectorID
    public var range: Range<Int>

    public init(detector: DetectorID, range: Range<Int>) {
        self.detector = detector
        self.range = range
    }
}
