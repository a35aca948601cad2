/// Country calling codes and the lengths of their national significant numbers (without the
/// country code or trunk prefix), for the countries whose numbers the phone detector knows:
/// the EU, EEA, UK, Switzerland, the NANP, and a few with many users.
/// Source: ITU-T E.164 and its list of assigned country codes (Operational Bulletin annex,
/// https://www.itu.int/pub/T-SP-E.164D), lengths from the national numbering plans as
/// published to the ITU (https://www.itu.int/oth/T0202.aspx).
enum PhoneNumberPlan {
    /// Country code to the range of national significant number lengths.
    static let nationalLengths: [Int: ClosedRange<Int>] = [
        1: 10...10,      // NANP: US, Canada, Caribbean
        7: 10...10,      // Russia, Kazakhstan
        30: 10...10,     // Greece
        31: 9...9,       // Netherlands
        32: 8...9,       // Belgium
        33: 9...9,       // France
        34: 9...9,       // Spain
        36: 8...9,       // Hungary
        39: 6...11,      // Italy
        40: 9...9,       // Romania
        41: 9...9,       // Switzerland
        43: 7...13,      // Austria
        44: 9...10,      // United Kingdom
        45: 8...8,       // Denmark
        46: 7...10,      // Sweden
        47: 8...8,       // Norway
        48: 9...9,       // Poland
        49: 6...13,      // Germany
        55: 10...11,     // Brazil
        61: 9...9,       // Australia
        81: 9...10,      // Japan
        86: 10...11,     // China
        91: 10...10,     // India
        351: 9...9,      // Portugal
        352: 6...11,     // Luxembourg
        353: 7...9,      // Ireland
        354: 7...9,      // Iceland
        356: 8...8,      // Malta
        357: 8...8,      // Cyprus
        358: 6...12,     // Finland
        359: 7...9,      // Bulgaria
        370: 8...8,      // Lithuania
        371: 8...8,      // Latvia
        372: 7...8,      // Estonia
        385: 8...9,      // Croatia
        386: 8...8,      // Slovenia
        420: 9...9,      // Czechia
        421: 9...9,      // Slovakia
        423: 7...9,      // Liechtenstein
    ]

    /// The country code that begins `digits` (codes are prefix-free, E.164 §6.2.1) and its length.
    static func countryCode(_ digits: SmallBytes) -> (code: Int, length: Int, national: ClosedRange<Int>)? {
        var code = 0
        for length in 1...3 where length <= digits.count {
            code = code * 10 + Int(digits[length - 1])
            if let national = nationalLengths[code] { return (code, length, national) }
        }
        return nil
    }

    /// NANP rules for a ten-digit number: area code and exchange are NXX (N = 2–9), neither an
    /// N11 service code, and the area code's middle digit is not 9 (reserved for expansion).
    /// Source: NANPA, "Area Codes" and the NANP numbering plan summary, https://www.nationalnanpa.com/area_codes/
    static func isNANP(_ digits: SmallBytes, from start: Int) -> Bool {
        guard digits.count - start >= 10 else { return false }
        let area0 = digits[start], area1 = digits[start + 1], area2 = digits[start + 2]
        let exchange0 = digits[start + 3], exchange1 = digits[start + 4], exchange2 = digits[start + 5]
        guard area0 >= 2, exchange0 >= 2, area1 != 9 else { return false }
        if area1 == 1 && area2 == 1 { return false }
        if exchange1 == 1 && exchange2 == 1 { return false }
        return true
    }
}
