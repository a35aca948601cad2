/// French social security numbers (NIR, numéro de sécurité sociale): sex (1, 2, or 7, 8 for a
/// provisional number), year, month (01–12, or 20, 30–42, 50–99 when unknown), département (01–99,
/// 2A/2B for Corsica), commune, order number, and a key: 97 − (the 13 digits mod 97), with 2A
/// read as 19 and 2B as 18. Written bare, grouped `1 84 12 76 451 089 46`, or with the key apart.
/// Source: INSEE, "Numéro d'inscription au répertoire (NIR)",
/// https://www.insee.fr/fr/metadonnees/definition/c1409 and the key's definition in the
/// Cnav's "Clé de contrôle du NIR"; Corsica rule as in the Sécurité sociale's SNGI specification.
struct FrenchNIRDetector: Detector {
    var id: DetectorID { .frNIR }
    var firstBytes: ByteSet { ByteSet("1278") }
    var signals: WordSignals { .digit }
    var digitLeads: [DigitLead] {
        [DigitLead(LeadingDigits(1, 13), then: ByteSet(" "), then: LeadingDigits(2)),
         DigitLead(LeadingDigits(6), then: ByteSet("AB")),
         DigitLead(LeadingDigits(15), then: DigitLead.bare)]
    }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["1 84 12 76 451 089 46", "184127645108946", "2 90 02 2A 004 005 25", "1841276451089 46"],
            ignores: ["1 84 12 76 451 089 47", "3 84 12 76 451 089 46", "1 84 13 76 451 089 46", "1 84 12 00 451 089 46",
                      "18412764510894", "1 84 12 2C 451 089 46"])
    }

    private static let sexes = ByteSet("1278")
    /// Characters in each part of the number.
    private static let parts = [1, 2, 2, 2, 3, 3, 2]

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard FrenchNIRDetector.sexes.contains(text.byte(start)) else { return nil }
        var characters = SmallBytes()
        var index = start
        var spaces = 0
        var spacedBeforeKeyOnly = false
        for (part, width) in FrenchNIRDetector.parts.enumerated() {
            if part > 0, text.byte(index) == UInt8(ascii: " ") {
                spaces += 1
                if part == 6, spaces == 1 { spacedBeforeKeyOnly = true }
                index += 1
            }
            for _ in 0..<width {
                let byte = text.byte(index)
                let isCorsica = part == 3 && characters.count == 6 && (byte == UInt8(ascii: "A") || byte == UInt8(ascii: "B"))
                guard isDigit(byte) || isCorsica else { return nil }
                characters.append(byte)
                index += 1
            }
        }
        guard spaces == 0 || spaces == 6 || spacedBeforeKeyOnly else { return nil }
        return isValid(characters) ? index : nil
    }

    private func isValid(_ characters: SmallBytes) -> Bool {
        func digits(_ from: Int, _ length: Int) -> Int {
            var value = 0
            for index in from..<(from + length) { value = value * 10 + Int(characters[index] - 0x30) }
            return value
        }
        let month = digits(3, 2)
        guard (1...12).contains(month) || month == 20 || (30...42).contains(month) || month >= 50 else { return false }
        let corsica = characters[6] == UInt8(ascii: "A") || characters[6] == UInt8(ascii: "B")
        if corsica {
            guard characters[5] == UInt8(ascii: "2") else { return false }
        } else {
            guard digits(5, 2) != 0 else { return false }
        }
        guard digits(7, 3) != 0, digits(10, 3) != 0 else { return false }
        // The 13 digits mod 97, 2A read as 19 and 2B as 18, without overflow.
        let corsicanDepartment = characters[6] == UInt8(ascii: "A") ? 19 : 18
        var remainder = 0
        for index in 0..<13 {
            var digit = Int(characters[index]) - 0x30
            if corsica, index == 5 { digit = corsicanDepartment / 10 }
            if corsica, index == 6 { digit = corsicanDepartment % 10 }
            remainder = (remainder * 10 + digit) % 97
        }
        let key = digits(13, 2)
        return key == 97 - remainder
    }
}
