/// Payment card numbers: issuer (IIN) ranges and lengths, then the Luhn check (ISO/IEC 7812-1).
/// Written bare, or in groups of four with spaces or dashes (the last group shorter), or
/// Amex/Diners style 4-6-5 and 4-6-4; all of a grouped number or none of it.
/// Source for the ranges: https://en.wikipedia.org/wiki/Payment_card_number#Issuer_identification_number_(IIN)
/// (Visa 4; Mastercard 51–55, 2221–2720; Amex 34, 37; Discover 6011, 644–649, 65, 622126–622925;
/// JCB 3528–3589; Diners 36, 38–39, 300–305; UnionPay 62; Maestro 5018, 5020, 5038, 5893, 6304, 6759, 6761–6763).
struct PaymentCardDetector: Detector {
    var id: DetectorID { .paymentCard }
    var firstBytes: ByteSet { ByteSet.digits }
    var signals: WordSignals { .digit }
    var digitLeads: [DigitLead] {
        [DigitLead(LeadingDigits(4), then: ByteSet(" -"), then: LeadingDigits(4, 6)),
         DigitLead(LeadingDigits(12...19), then: DigitLead.bare)]
    }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005", "3714 496353 98431",
                    "2223003122003222", "6011111111111117", "3530111333300000", "36227206271667", "6200000000000005",
                    "card 4012888888881881 expires"],
            ignores: ["4111 1111 1111 1112", "1234 5678 9012 3456", "order 4111111111111111222", "9111111111111111",
                      "4111.1111.1111.1111", "41111 11111 11111 1", "4111 1111 1111 1111 22"])
    }

    private static let separators = ByteSet(" -")

    /// One issuer range: prefixes from `low` to `high`, compared on their first `digits` digits.
    private struct IssuerRange {
        var low: Int
        var high: Int
        var digits: Int
        var lengths: ClosedRange<Int>
        var only: [Int] = []
    }

    private static let ranges: [IssuerRange] = [
        IssuerRange(low: 4, high: 4, digits: 1, lengths: 13...19, only: [13, 16, 19]),           // Visa
        IssuerRange(low: 51, high: 55, digits: 2, lengths: 16...16),                              // Mastercard
        IssuerRange(low: 2221, high: 2720, digits: 4, lengths: 16...16),                          // Mastercard 2-series
        IssuerRange(low: 34, high: 34, digits: 2, lengths: 15...15),                              // American Express
        IssuerRange(low: 37, high: 37, digits: 2, lengths: 15...15),
        IssuerRange(low: 6011, high: 6011, digits: 4, lengths: 16...19),                          // Discover
        IssuerRange(low: 644, high: 649, digits: 3, lengths: 16...19),
        IssuerRange(low: 65, high: 65, digits: 2, lengths: 16...19),
        IssuerRange(low: 622126, high: 622925, digits: 6, lengths: 16...19),
        IssuerRange(low: 3528, high: 3589, digits: 4, lengths: 16...19),                          // JCB
        IssuerRange(low: 36, high: 36, digits: 2, lengths: 14...19),                              // Diners Club
        IssuerRange(low: 38, high: 39, digits: 2, lengths: 16...19),
        IssuerRange(low: 300, high: 305, digits: 3, lengths: 14...19),
        IssuerRange(low: 62, high: 62, digits: 2, lengths: 16...19),                              // UnionPay
        IssuerRange(low: 5018, high: 5018, digits: 4, lengths: 12...19),                          // Maestro
        IssuerRange(low: 5020, high: 5020, digits: 4, lengths: 12...19),
        IssuerRange(low: 5038, high: 5038, digits: 4, lengths: 12...19),
        IssuerRange(low: 5893, high: 5893, digits: 4, lengths: 12...19),
        IssuerRange(low: 6304, high: 6304, digits: 4, lengths: 12...19),
        IssuerRange(low: 6759, high: 6759, digits: 4, lengths: 12...19),
        IssuerRange(low: 6761, high: 6763, digits: 4, lengths: 12...19),
    ]

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard let number = DigitGroups(text, at: start, separators: PaymentCardDetector.separators) else { return nil }
        // All the groups or nothing: the first sixteen digits of a longer grouped number are no card.
        let groups = number.groupCount
        let length = number.digitCount(inGroups: groups)
        guard (12...19).contains(length), isCardGrouping(number, groups), isIssued(number.digits, length: length),
              Checksum.luhn(number.digits, count: length) else { return nil }
        return number.end(afterGroups: groups)
    }

    /// Bare, fours with a shorter last group, or 4-6-5 / 4-6-4.
    private func isCardGrouping(_ number: DigitGroups, _ groups: Int) -> Bool {
        if groups == 1 { return true }
        if number.groups(groups, are: [4, 6, 5]) || number.groups(groups, are: [4, 6, 4]) { return true }
        for index in 0..<(groups - 1) where number.length(ofGroup: index) != 4 { return false }
        return (1...4).contains(number.length(ofGroup: groups - 1))
    }

    private func isIssued(_ digits: SmallBytes, length: Int) -> Bool {
        for range in PaymentCardDetector.ranges {
            let prefix = digits.value(from: 0, length: range.digits)
            if prefix >= range.low, prefix <= range.high, range.lengths.contains(length),
               range.only.isEmpty || range.only.contains(length) {
                return true
            }
        }
        return false
    }
}
