/// IBANs: country code, its registered length, and the ISO 7064 MOD 97-10 check (ISO 13616-1):
/// move the first four characters to the end, letters to 10...35, the number mod 97 must be 1.
/// Written bare or in groups of four separated by single spaces, upper case (the print format).
/// Source: SWIFT IBAN Registry (https://www.swift.com/standards/data-standards/iban), lengths per country.
struct IBANDetector: Detector {
    var id: DetectorID { .iban }
    var firstBytes: ByteSet { ByteSet.upper }
    var signals: WordSignals { .digit }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "FR14 2004 1010 0505 0001 3M02 606",
                    "NL91ABNA0417164300", "iban: BE68 5390 0754 7034."],
            ignores: ["GB82 WEST 1234 5698 7654 33", "DE8937040044053201300", "XX89370400440532013000",
                      "NL91ABNA04171643001", "de89370400440532013000"])
    }

    /// Registered lengths, from the SWIFT IBAN Registry.
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
        "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
        "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
        "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
        "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25,
        "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18,
        "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33,
        "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
        "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
    ]

    /// The same table indexed by the two letters, so the hot path does no string work.
    private static let lengthByCode: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 26 * 26)
        for (code, length) in lengths {
            let bytes = Array(code.utf8)
            table[Int(bytes[0] - 0x41) * 26 + Int(bytes[1] - 0x41)] = UInt8(length)
        }
        return table
    }()

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        let first = text.byte(start), second = text.byte(start + 1)
        guard isUpper(first), isUpper(second), isDigit(text.byte(start + 2)), isDigit(text.byte(start + 3)) else { return nil }
        let length = Int(IBANDetector.lengthByCode[Int(first - 0x41) * 26 + Int(second - 0x41)])
        guard length > 0 else { return nil }
        // Read `length` characters; a single space may stand between groups of four.
        var characters = SmallBytes()
        var index = start
        var spaced: Bool?
        while characters.count < length {
            let byte = text.byte(index)
            if byte == UInt8(ascii: " ") {
                guard characters.count % 4 == 0, characters.count > 0, spaced != false else { return nil }
                spaced = true
                index += 1
                continue
            }
            guard isUpper(byte) || isDigit(byte) else { return nil }
            if characters.count % 4 == 0, characters.count > 0, spaced == nil { spaced = false }
            if characters.count % 4 == 0, characters.count > 0, spaced == true, text.byte(index - 1) != UInt8(ascii: " ") { return nil }
            characters.append(byte)
            index += 1
        }
        guard mod97(characters) == 1 else { return nil }
        return index
    }

    /// The rearranged IBAN's value mod 97, computed piecewise so no number overflows.
    private func mod97(_ characters: SmallBytes) -> Int {
        var remainder = 0
        for offset in 0..<characters.count {
            let byte = characters[(offset + 4) % characters.count]
            if isDigit(byte) {
                remainder = (remainder * 10 + Int(byte - 0x30)) % 97
            } else {
                remainder = (remainder * 100 + Int(byte - 0x41) + 10) % 97
            }
        }
        return remainder
    }
}
