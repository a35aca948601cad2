/// Spanish DNI (eight digits and a letter) and NIE (X, Y or Z, seven digits, a letter): the
/// letter is `TRWAGMYFPDXBNJZSQVHLCKE`[number mod 23], the NIE's X/Y/Z counting as 0/1/2.
/// Source: Ministerio del Interior, "Cálculo del dígito de control del NIF/NIE",
/// https://www.interior.gob.es/opencms/es/servicios-al-ciudadano/tramites-y-gestiones/dni/calculo-del-digito-de-control-del-nif-nie/
struct SpanishDNIDetector: Detector {
    var id: DetectorID { .esDNI }
    var firstBytes: ByteSet { ByteSet.digits.union(ByteSet("XYZ")) }
    var signals: WordSignals { .digit }
    var digitLeads: [DigitLead] { [DigitLead(LeadingDigits(8), then: ByteSet.upper.union(ByteSet("-\u{01}")))] }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["12345678Z", "12345678-Z", "X1234567L", "Y-1234567-X", "dni 00000000T."],
            ignores: ["12345678A", "X1234567A", "1234567Z", "123456789Z", "12345678z", "W1234567L"])
    }

    private static let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE".utf8)

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        var index = start
        var value = 0
        var digits = 8
        let first = text.byte(start)
        if first == UInt8(ascii: "X") || first == UInt8(ascii: "Y") || first == UInt8(ascii: "Z") {
            value = Int(first - UInt8(ascii: "X"))
            digits = 7
            index += 1
            if text.byte(index) == UInt8(ascii: "-") { index += 1 }
        }
        for _ in 0..<digits {
            let byte = text.byte(index)
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
            index += 1
        }
        if text.byte(index) == UInt8(ascii: "-") || text.byte(index) == UInt8(ascii: " ") { index += 1 }
        guard text.byte(index) == SpanishDNIDetector.letters[value % 23] else { return nil }
        return index + 1
    }
}
