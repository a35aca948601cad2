/// Brazilian CPF numbers: `000.000.000-00` or eleven bare digits; two mod-11 check digits
/// (weights 10…2, then 11…2; a remainder below 2 gives 0), and not one digit repeated eleven
/// times (those pass the checks but are never issued).
/// Source: Receita Federal, Instrução Normativa RFB nº 2172/2024 and the algorithm as documented at
/// https://pt.wikipedia.org/wiki/Cadastro_de_pessoas_f%C3%ADsicas#D%C3%ADgitos_verificadores
struct BrazilianCPFDetector: Detector {
    var id: DetectorID { .brCPF }
    var firstBytes: ByteSet { ByteSet.digits }
    var signals: WordSignals { .digit }
    var digitLeads: [DigitLead] {
        [DigitLead(LeadingDigits(3), then: ByteSet("."), then: LeadingDigits(3)),
         DigitLead(LeadingDigits(11), then: DigitLead.bare)]
    }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["529.982.247-25", "52998224725", "cpf 111.444.777-35"],
            ignores: ["529.982.247-26", "111.111.111-11", "00000000000", "529.982.24725", "529-982-247-25"])
    }

    private static let separators = ByteSet(".-")

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard let number = DigitGroups(text, at: start, separators: BrazilianCPFDetector.separators, sameSeparator: false, maxGroups: 4)
        else { return nil }
        let groups: Int
        if number.groupCount == 4, number.groups(4, are: [3, 3, 3, 2]),
           number.separator(after: 0, in: text) == UInt8(ascii: "."), number.separator(after: 1, in: text) == UInt8(ascii: "."),
           number.separator(after: 2, in: text) == UInt8(ascii: "-") {
            groups = 4
        } else if number.length(ofGroup: 0) == 11 {
            groups = 1
        } else {
            return nil
        }
        let digits = number.digits
        guard (1..<11).contains(where: { digits[$0] != digits[0] }) else { return nil }
        let first = checkDigit(Checksum.weightedSum(digits, weights: [10, 9, 8, 7, 6, 5, 4, 3, 2]))
        let second = checkDigit(Checksum.weightedSum(digits, weights: [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]))
        guard first == Int(digits[9]), second == Int(digits[10]) else { return nil }
        return number.end(afterGroups: groups)
    }

    private func checkDigit(_ sum: Int) -> Int {
        let remainder = sum % 11
        return remainder < 2 ? 0 : 11 - remainder
    }
}
