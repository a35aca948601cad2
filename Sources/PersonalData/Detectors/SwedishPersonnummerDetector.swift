/// Swedish personal identity numbers: `YYMMDD-NNNC` (`+` from the year one turns 100),
/// `YYYYMMDD-NNNC`, or either bare; the date exists (day + 60 for a coordination number), and
/// the Luhn check runs over the ten digits YYMMDDNNNC.
/// Source: Skatteverket, "Personnummer" (SKV 704), https://www.skatteverket.se/download/18.1e6d5f87115319ffba380001857/1708607303128/70408.pdf
struct SwedishPersonnummerDetector: Detector {
    var id: DetectorID { .sePersonnummer }
    var firstBytes: ByteSet { ByteSet.digits }
    var signals: WordSignals { .digit }
    var digitLeads: [DigitLead] {
        [DigitLead(LeadingDigits(6, 8), then: ByteSet("-+"), then: LeadingDigits(4)),
         DigitLead(LeadingDigits(10, 12), then: DigitLead.bare)]
    }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["811218-9876", "19811218-9876", "8112189876", "198112189876", "121212+1212", "811278-9873"],
            ignores: ["811218-9875", "811318-9878", "811232-9876", "811218 9876", "18811218-9876"])
    }

    private static let separators = ByteSet("-+")

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard let number = DigitGroups(text, at: start, separators: SwedishPersonnummerDetector.separators, maxGroups: 2) else { return nil }
        let groups: Int
        let length = number.digitCount(inGroups: number.groupCount)
        if number.groupCount == 2, number.groups(2, are: [6, 4]) || number.groups(2, are: [8, 4]) {
            groups = 2
        } else if number.length(ofGroup: 0) == 10 || number.length(ofGroup: 0) == 12 {
            groups = 1
        } else {
            return nil
        }
        let total = groups == 2 ? length : number.length(ofGroup: 0)
        let offset = total - 10
        let digits = number.digits
        if offset == 2 {
            let century = digits.value(from: 0, length: 2)
            guard century == 19 || century == 20 else { return nil }
        }
        let month = digits.value(from: offset + 2, length: 2)
        var day = digits.value(from: offset + 4, length: 2)
        if day > 60 { day -= 60 }
        let yy = digits.value(from: offset, length: 2)
        // With two-digit years the century is unknown: a day that exists in either will do.
        let exists = offset == 2
            ? CalendarDate.isValid(year: digits.value(from: 0, length: 4), month: month, day: day)
            : CalendarDate.isValid(year: 1900 + yy, month: month, day: day) || CalendarDate.isValid(year: 2000 + yy, month: month, day: day)
        guard exists, Checksum.luhn(digits, from: offset, count: 10) else { return nil }
        return number.end(afterGroups: groups)
    }
}
