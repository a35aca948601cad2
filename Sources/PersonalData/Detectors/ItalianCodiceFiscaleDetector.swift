/// Italian codice fiscale of a person: six letters (surname, name), year, month letter
/// (A B C D E H L M P R S T), day (01–31, +40 for women), a letter and three digits (place of
/// birth), and a check letter from the odd/even conversion tables summed mod 26. In omocodia the
/// seven digit positions may be replaced by L M N P Q R S T U V (0–9).
/// Source: Decreto ministeriale 23 dicembre 1976, allegati (tables of the check character);
/// summary at https://it.wikipedia.org/wiki/Codice_fiscale#Generazione_del_codice_fiscale
struct ItalianCodiceFiscaleDetector: Detector {
    var id: DetectorID { .itCodiceFiscale }
    var firstBytes: ByteSet { ByteSet.upper }
    var signals: WordSignals { .digit }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["RSSMRA85T10A562S", "cf: MRTMTT25D09F205Z", "RSSMRA85T10A56NH"],
            ignores: ["RSSMRA85T10A562T", "RSSMRA85Z10A562S", "RSSMRA85T99A562S", "RSSMRA85T10A5620", "rssmra85t10a562s",
                      "RSSMRA85T10A562SX"])
    }

    /// Positions (0-based) that hold digits, or their omocodia letters.
    private static let digitPositions: Set<Int> = [6, 7, 9, 10, 12, 13, 14]
    private static let months = ByteSet("ABCDEHLMPRST")
    private static let omocodia = Array("LMNPQRSTUV".utf8)
    /// Values of characters in odd positions (1st, 3rd, …), for 0–9 and A–Z alike.
    private static let oddValues = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard isUpper(text.byte(start)), text.count - start >= 16 else { return nil }
        var sum = 0
        for position in 0..<15 {
            let byte = text[start + position]
            if ItalianCodiceFiscaleDetector.digitPositions.contains(position) {
                guard isDigit(byte) || ItalianCodiceFiscaleDetector.omocodia.contains(byte) else { return nil }
            } else if position == 8 {
                guard ItalianCodiceFiscaleDetector.months.contains(byte) else { return nil }
            } else {
                guard isUpper(byte) else { return nil }
            }
            // Digits and letters share one index: 0–9 for digits, 0–25 for A–Z.
            let value = isDigit(byte) ? Int(byte - 0x30) : Int(byte - 0x41)
            sum += position % 2 == 0 ? ItalianCodiceFiscaleDetector.oddValues[value] : value
        }
        guard let day = number(text, start + 9), (1...31).contains(day) || (41...71).contains(day),
              number(text, start + 6) != nil else { return nil }
        guard text[start + 15] == UInt8(ascii: "A") + UInt8(sum % 26) else { return nil }
        return start + 16
    }

    /// The two-digit number at `index`, omocodia letters read back as digits.
    private func number(_ text: UnsafeRawBufferPointer, _ index: Int) -> Int? {
        var value = 0
        for offset in 0..<2 {
            let byte = text[index + offset]
            if isDigit(byte) {
                value = value * 10 + Int(byte - 0x30)
            } else if let digit = ItalianCodiceFiscaleDetector.omocodia.firstIndex(of: byte) {
                value = value * 10 + digit
            } else {
                return nil
            }
        }
        return value
    }
}
