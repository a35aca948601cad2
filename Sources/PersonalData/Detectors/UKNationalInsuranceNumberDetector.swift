/// UK National Insurance numbers: two prefix letters, six digits, suffix A–D; written bare or
/// with spaces (`QQ 12 34 56 C`). Prefix rules from HMRC's manual: neither letter D, F, I, Q, U
/// or V; the second not O; never BG, GB, KN, NK, NT, TN or ZZ.
/// Source: HMRC National Insurance Manual NIM39110, https://www.gov.uk/hmrc-internal-manuals/national-insurance-manual/nim39110
struct UKNationalInsuranceNumberDetector: Detector {
    var id: DetectorID { .ukNINO }
    var firstBytes: ByteSet { ByteSet.upper }
    var signals: WordSignals { .digit }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["AB123456C", "JG 10 37 35 D", "NINO: PE 123456 A."],
            ignores: ["QQ123456C", "AO123456C", "GB123456A", "ZZ123456D", "AB123456E", "AB12345C", "ab123456c", "DA123456A"])
    }

    private static let neverFirst = ByteSet("DFIQUV")
    private static let neverSecond = ByteSet("DFIQUVO")
    private static let unusedPrefixes: Set<UInt16> = Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].map { code in
        let bytes = Array(code.utf8)
        return UInt16(bytes[0]) << 8 | UInt16(bytes[1])
    })

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        let first = text.byte(start), second = text.byte(start + 1)
        guard isUpper(first), isUpper(second), !UKNationalInsuranceNumberDetector.neverFirst.contains(first),
              !UKNationalInsuranceNumberDetector.neverSecond.contains(second),
              !UKNationalInsuranceNumberDetector.unusedPrefixes.contains(UInt16(first) << 8 | UInt16(second)) else { return nil }
        var index = start + 2
        var digits = 0
        while digits < 6 {
            // A space may stand before each pair of digits.
            if digits % 2 == 0, text.byte(index) == UInt8(ascii: " "), isDigit(text.byte(index + 1)) { index += 1 }
            guard isDigit(text.byte(index)) else { return nil }
            digits += 1
            index += 1
        }
        if text.byte(index) == UInt8(ascii: " ") { index += 1 }
        let suffix = text.byte(index)
        guard suffix >= UInt8(ascii: "A"), suffix <= UInt8(ascii: "D") else { return nil }
        return index + 1
    }
}
