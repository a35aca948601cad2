/// US Social Security numbers written `AAA-GG-SSSS` (dashes or spaces): area 001–899 except 666,
/// group 01–99, serial 0001–9999, and not the numbers the SSA lists as invalid because they were
/// published (078-05-1120, the Woolworth wallet card; 219-09-9999, an advertisement). Bare nine
/// digits are left to context: they are as often a Dutch BSN or an order number.
/// Source: SSA, "Social Security Number Randomization" (https://www.ssa.gov/employer/randomization.html)
/// and POMS RM 10201.060 on invalid numbers.
struct USSocialSecurityNumberDetector: Detector {
    var id: DetectorID { .usSSN }
    var firstBytes: ByteSet { ByteSet.digits }
    var signals: WordSignals { .digit }
    var digitLeads: [DigitLead] { [DigitLead(LeadingDigits(3), then: ByteSet("- "), then: LeadingDigits(2))] }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["536-22-1234", "SSN 123 45 6789 on file", "772-01-0001"],
            ignores: ["000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000", "078-05-1120",
                      "219-09-9999", "123-45-67890", "123-456-7890", "2023-01-15", "536-22 1234"])
    }

    private static let separators = ByteSet(" -")

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard let number = DigitGroups(text, at: start, separators: USSocialSecurityNumberDetector.separators, maxGroups: 3),
              number.groups(number.groupCount, are: [3, 2, 4]) else { return nil }
        let area = number.digits.value(from: 0, length: 3)
        let group = number.digits.value(from: 3, length: 2)
        let serial = number.digits.value(from: 5, length: 4)
        guard area != 0, area != 666, area < 900, group != 0, serial != 0 else { return nil }
        if (area, group, serial) == (78, 5, 1120) || (area, group, serial) == (219, 9, 9999) { return nil }
        return number.end(afterGroups: 3)
    }
}
