/// Dutch citizen service numbers (burgerservicenummer): nine digits passing the "elfproef",
/// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11 (and not zero). Written bare or `1234.56.782`.
/// Source: Rijksoverheid, "Logisch ontwerp BSN" (elfproef), summarised at
/// https://nl.wikipedia.org/wiki/Burgerservicenummer#11-proef
struct DutchBSNDetector: Detector {
    var id: DetectorID { .nlBSN }
    var firstBytes: ByteSet { ByteSet.digits }
    var signals: WordSignals { .digit }
    var digitLeads: [DigitLead] {
        [DigitLead(LeadingDigits(4), then: ByteSet("."), then: LeadingDigits(2)),
         DigitLead(LeadingDigits(9), then: DigitLead.bare)]
    }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["111222333", "123456782", "bsn 1234.56.782"],
            ignores: ["111222334", "123456789", "000000000", "12345678", "1234567820", "1234-56-782"])
    }

    private static let separators = ByteSet(".")

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard let number = DigitGroups(text, at: start, separators: DutchBSNDetector.separators, maxGroups: 3) else { return nil }
        let groups: Int
        if number.groups(3, are: [4, 2, 3]) && number.groupCount == 3 {
            groups = 3
        } else if number.length(ofGroup: 0) == 9 {
            groups = 1
        } else {
            return nil
        }
        let sum = Checksum.weightedSum(number.digits, weights: [9, 8, 7, 6, 5, 4, 3, 2, -1])
        guard sum != 0, sum % 11 == 0 else { return nil }
        return number.end(afterGroups: groups)
    }
}
