/// German tax identification numbers (steuerliche Identifikationsnummer, § 139b AO): eleven
/// digits, the first not 0; in the first ten exactly one digit occurs twice or three times (three
/// times never all adjacent), the others at most once; the last is the ISO 7064 MOD 11,10 check digit.
/// Written bare or `12 345 678 901`.
/// Source: Bundeszentralamt für Steuern, "Steuerliche Identifikationsnummer", and its check as
/// described at https://kryptografie.de/kryptografie/chiffre/steuer-id.htm (whose example
/// 12345678995 is among ours).
struct GermanTaxIDDetector: Detector {
    var id: DetectorID { .deTaxID }
    var firstBytes: ByteSet { ByteSet(ranges: 0x31...0x39) }
    var signals: WordSignals { .digit }
    var digitLeads: [DigitLead] {
        [DigitLead(LeadingDigits(2), then: ByteSet(" "), then: LeadingDigits(3)),
         DigitLead(LeadingDigits(11), then: DigitLead.bare)]
    }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["86095742719", "65929970489", "Steuer-ID: 86 095 742 719", "12345678995"],
            ignores: ["86095742718", "06095742719", "11111111111", "12345678905", "86-095-742-719"])
    }

    private static let separators = ByteSet(" ")

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard let number = DigitGroups(text, at: start, separators: GermanTaxIDDetector.separators, maxGroups: 4) else { return nil }
        let groups: Int
        if number.groupCount == 4, number.groups(4, are: [2, 3, 3, 3]) {
            groups = 4
        } else if number.length(ofGroup: 0) == 11 {
            groups = 1
        } else {
            return nil
        }
        let digits = number.digits
        guard digits[0] != 0, hasOneRepeatedDigit(digits),
              Checksum.iso7064Mod11_10(digits, count: 10) == Int(digits[10]) else { return nil }
        return number.end(afterGroups: groups)
    }

    private func hasOneRepeatedDigit(_ digits: SmallBytes) -> Bool {
        var counts = [Int](repeating: 0, count: 10)
        for index in 0..<10 { counts[Int(digits[index])] += 1 }
        let repeated = (0..<10).filter { counts[$0] > 1 }
        guard repeated.count == 1, counts[repeated[0]] <= 3 else { return false }
        if counts[repeated[0]] == 3 {
            for index in 0..<8 where digits[index] == digits[index + 1] && digits[index] == digits[index + 2] { return false }
        }
        return true
    }
}
