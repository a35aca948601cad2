/// Polish PESEL numbers: eleven digits, a date of birth (month + 80 for the 1800s, + 20 for the
/// 2000s, + 40, + 60 beyond) that exists, and the check digit (10 − Σ wᵢdᵢ mod 10) mod 10 with
/// weights 1 3 7 9 1 3 7 9 1 3.
/// Source: Ustawa o ewidencji ludności (Dz.U. 2010 nr 217 poz. 1427) and MSWiA's description of
/// the number, https://www.gov.pl/web/gov/czym-jest-numer-pesel
struct PolishPESELDetector: Detector {
    var id: DetectorID { .plPESEL }
    var firstBytes: ByteSet { ByteSet.digits }
    var signals: WordSignals { .digit }
    var digitLeads: [DigitLead] { [DigitLead(LeadingDigits(11), then: DigitLead.bare)] }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["44051401359", "02070803628", "pesel: 85121012341"],
            ignores: ["44051401358", "44053201354", "44023001353", "4405140135", "440514013590"])
    }

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard let number = DigitGroups(text, at: start, separators: ByteSet(), maxGroups: 1), number.digitCount == 11 else { return nil }
        let digits = number.digits
        let check = (10 - Checksum.weightedSum(digits, weights: [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10) % 10
        guard check == Int(digits[10]) else { return nil }
        var month = digits.value(from: 2, length: 2)
        var century = 1900
        switch month {
        case 81...92: century = 1800; month -= 80
        case 1...12: century = 1900
        case 21...32: century = 2000; month -= 20
        case 41...52: century = 2100; month -= 40
        case 61...72: century = 2200; month -= 60
        default: return nil
        }
        let year = century + digits.value(from: 0, length: 2)
        guard CalendarDate.isValid(year: year, month: month, day: digits.value(from: 4, length: 2)) else { return nil }
        return number.end(afterGroups: 1)
    }
}
