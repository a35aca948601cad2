/// Phone numbers: international (`+` or `00`, a known country code, and a national number of
/// that country's length; E.164), NANP national (`(NXX) NXX-XXXX`, `NXX-NXX-XXXX`, optional
/// leading 1, NANPA's NXX and N11 rules), national numbers with a trunk `0` in groups (UK, most of
/// the EU: 10–12 digits, groups of three or more after the area code, or French pairs), and
/// Spanish and Italian mobile groupings. Bare national digit runs are left to context: without a
/// separator they are as often an order number.
/// Sources: ITU-T E.164 (https://www.itu.int/rec/T-REC-E.164), NANPA (https://www.nationalnanpa.com/),
/// Ofcom's National Telephone Numbering Plan, and the national plans listed by the ITU (see `PhoneNumberPlan`).
struct PhoneNumberDetector: Detector {
    var id: DetectorID { .phone }
    var firstBytes: ByteSet { ByteSet.digits.union(ByteSet("+(")) }
    var signals: WordSignals { .digit }
    var digitLeads: [DigitLead] {
        [DigitLead(LeadingDigits(1...6), then: ByteSet(" (")),
         DigitLead(LeadingDigits(1...6), then: ByteSet("-/"), then: LeadingDigits(3...15)),
         DigitLead(LeadingDigits(2), then: ByteSet("."), then: LeadingDigits(2)),
         DigitLead(LeadingDigits(1, 3), then: ByteSet("."), then: LeadingDigits(3))]
    }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["+44 20 7946 0958", "+442079460958", "+44 (0)20 7946 0958", "+1 (212) 555-0123", "(212) 555-0123",
                    "212-555-0123", "1-800-275-2273", "0049 30 1234567", "020 7946 0958", "030/1234567", "01 23 45 67 89",
                    "06-12345678", "01.23.45.67.89", "+33 6 12 34 56 78", "612 345 678", "call +49 151 23456789 now"],
            ignores: ["+44 20 7946 09", "+999 1234 5678", "212-911-0123", "2023-01-15", "15.01.2023",
                      "0.12.3456.789", "078-05-1120", "123-456-7890", "+4420794609581234", "(112) 555-0123",
                      "0 123", "555-0123", "075-25-47728"])
    }

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        let first = text.byte(start)
        if first == UInt8(ascii: "+") {
            guard let number = PhoneGroups(text, at: start + 1, afterCountryCode: true) else { return nil }
            return international(number, skipping: 0, minimumGroups: 1)
        }
        if first == UInt8(ascii: "0"), text.byte(start + 1) == UInt8(ascii: "0") {
            // `0044 20 …`, `00 44 …`: the first group is the prefix, the country code, perhaps an
            // area code, and a space follows it.
            guard let number = PhoneGroups(text, at: start, afterCountryCode: true), number.length(ofGroup: 0) <= 6,
                  number.separator(after: 0) == UInt8(ascii: " ") else { return nil }
            return international(number, skipping: 2, minimumGroups: 2)
        }
        guard let number = PhoneGroups(text, at: start) else { return nil }
        return nanp(number) ?? trunkNational(number) ?? mobile(number)
    }

    /// The longest prefix of groups that is a whole number of the country the digits name.
    private func international(_ number: PhoneGroups, skipping prefix: Int, minimumGroups: Int) -> Int? {
        guard number.digits.count > prefix, number.digits[prefix] != 0 else { return nil }
        var digits = SmallBytes()
        for index in prefix..<number.digits.count { digits.append(number.digits[index]) }
        guard let country = PhoneNumberPlan.countryCode(digits) else { return nil }
        var groups = number.groupCount
        while groups >= minimumGroups {
            let national = number.digitCount(inGroups: groups) - prefix - country.length
            if country.national.contains(national), groups == 1 || number.usesOneSeparator(groups) || number.parenthesised != nil,
               country.code != 1 || PhoneNumberPlan.isNANP(digits, from: 1) {
                return number.end(afterGroups: groups)
            }
            groups -= 1
        }
        return nil
    }

    /// `NXX-NXX-XXXX`, `(NXX) NXX-XXXX`, with or without a leading `1`.
    private func nanp(_ number: PhoneGroups) -> Int? {
        let leadingOne = number.groupCount >= 4 && number.length(ofGroup: 0) == 1 && number.digits[0] == 1
        let first = leadingOne ? 1 : 0
        guard number.groupCount >= first + 3, number.length(ofGroup: first) == 3, number.length(ofGroup: first + 1) == 3,
              number.length(ofGroup: first + 2) == 4, PhoneNumberPlan.isNANP(number.digits, from: leadingOne ? 1 : 0) else { return nil }
        let areaInParentheses = number.parenthesised == first
        if !areaInParentheses {
            guard number.parenthesised == nil else { return nil }
            guard number.separator(after: first) == number.separator(after: first + 1), number.separator(after: first) != 0 else { return nil }
        }
        if leadingOne, number.separator(after: 0) == 0, number.parenthesised != 1 { return nil }
        return number.end(afterGroups: first + 3)
    }

    /// A national number with its trunk `0`: groups of two or more digits, 10 to 12 digits in all
    /// (fewer is more often a reference like `078-05-1120` than a phone).
    private func trunkNational(_ number: PhoneGroups) -> Int? {
        guard number.digits[0] == 0, number.digits.count > 1, number.digits[1] != 0, (2...5).contains(number.length(ofGroup: 0)) else { return nil }
        var groups = number.groupCount
        while groups >= 2 {
            let digits = number.digitCount(inGroups: groups)
            if (10...12).contains(digits), isNationalGrouping(number, groups),
               number.usesOneSeparator(groups), !looksLikeDottedQuad(number, groups) {
                return number.end(afterGroups: groups)
            }
            groups -= 1
        }
        return nil
    }

    /// Spanish `612 345 678` / `612 34 56 78` (first digit 6–9) and Italian mobile `3xx xxx xxxx` / `3xx xxxxxxx`,
    /// spaced as both countries write them (dashes and dots there are more often references).
    private func mobile(_ number: PhoneGroups) -> Int? {
        guard number.parenthesised == nil else { return nil }
        let lead = number.digits[0]
        let patterns: [[Int]] = lead >= 6 ? [[3, 3, 3], [3, 2, 2, 2]] : lead == 3 ? [[3, 3, 4], [3, 7]] : []
        for pattern in patterns where number.groupCount >= pattern.count {
            let groups = pattern.count
            if (0..<groups).allSatisfy({ number.length(ofGroup: $0) == pattern[$0] }), number.usesOneSeparator(groups),
               number.separator(after: 0) == UInt8(ascii: " ") {
                return number.end(afterGroups: groups)
            }
        }
        return nil
    }

    /// After the area code, groups of three or more digits (not with dots), or the French `0X XX XX XX XX` in pairs;
    /// `075-25-47728` is a reference, not a number anyone dials.
    private func isNationalGrouping(_ number: PhoneGroups, _ groups: Int) -> Bool {
        let lengths = (0..<groups).map { number.length(ofGroup: $0) }
        if lengths == [2, 2, 2, 2, 2] { return number.separator(after: 0) == UInt8(ascii: " ") || number.separator(after: 0) == UInt8(ascii: ".") }
        // Dots are the French way with pairs; other dotted numbers are references or versions.
        if number.separator(after: 0) == UInt8(ascii: ".") { return false }
        return lengths.dropFirst().allSatisfy { $0 >= 3 }
    }

    private func looksLikeDottedQuad(_ number: PhoneGroups, _ groups: Int) -> Bool {
        groups == 4 && number.separator(after: 0) == UInt8(ascii: ".") && (0..<4).allSatisfy { number.length(ofGroup: $0) <= 3 }
    }
}
