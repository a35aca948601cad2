import Testing
@testable import PersonalData

/// The check algorithms against numbers their issuers or registries publish as examples, and
/// against every single-character change of them, which each of these checks is built to catch.
@Suite struct PublishedExampleTests {
    static let scanner = PersonalDataScanner()

    /// (detector, published example, where it is published)
    static let examples: [(DetectorID, String, String)] = [
        (.iban, "GB29NWBK60161331926819", "SWIFT IBAN Registry, United Kingdom"),
        (.iban, "DE89370400440532013000", "SWIFT IBAN Registry, Germany"),
        (.iban, "FR1420041010050500013M02606", "SWIFT IBAN Registry, France"),
        (.iban, "NL91ABNA0417164300", "SWIFT IBAN Registry, Netherlands"),
        (.iban, "BE68539007547034", "SWIFT IBAN Registry, Belgium"),
        (.iban, "ES9121000418450200051332", "SWIFT IBAN Registry, Spain"),
        (.iban, "IT60X0542811101000000123456", "SWIFT IBAN Registry, Italy"),
        (.iban, "AT611904300234573201", "SWIFT IBAN Registry, Austria"),
        (.iban, "CH9300762011623852957", "SWIFT IBAN Registry, Switzerland"),
        (.iban, "PL61109010140000071219812874", "SWIFT IBAN Registry, Poland"),
        (.iban, "SE4550000000058398257466", "SWIFT IBAN Registry, Sweden"),
        (.iban, "NO9386011117947", "SWIFT IBAN Registry, Norway"),
        (.iban, "MT84MALT011000012345MTLCAST001S", "SWIFT IBAN Registry, Malta"),
        (.paymentCard, "4111111111111111", "Visa test card (processors' sandbox documentation)"),
        (.paymentCard, "4012888888881881", "Visa test card"),
        (.paymentCard, "5555555555554444", "Mastercard test card"),
        (.paymentCard, "5105105105105100", "Mastercard test card"),
        (.paymentCard, "2223003122003222", "Mastercard 2-series test card"),
        (.paymentCard, "378282246310005", "American Express test card"),
        (.paymentCard, "371449635398431", "American Express test card"),
        (.paymentCard, "6011111111111117", "Discover test card"),
        (.paymentCard, "6011000990139424", "Discover test card"),
        (.paymentCard, "3530111333300000", "JCB test card"),
        (.paymentCard, "3566002020360505", "JCB test card"),
        (.paymentCard, "30569309025904", "Diners Club test card"),
        (.paymentCard, "6200000000000005", "UnionPay test card"),
        (.frNIR, "184127645108946", "INSEE's example NIR 1 84 12 76 451 089 46"),
        (.itCodiceFiscale, "RSSMRA85T10A562S", "Agenzia delle Entrate's sample (Mario Rossi)"),
        (.plPESEL, "44051401359", "PESEL example (Wikipedia, after MSWiA)"),
        (.plPESEL, "02070803628", "PESEL example of a 2000s birth"),
        (.nlBSN, "111222333", "BSN test number used in Dutch government test data"),
        (.nlBSN, "123456782", "BSN example of the elfproef"),
        (.sePersonnummer, "811218-9876", "Skatteverket's example in SKV 704"),
        (.sePersonnummer, "640823-3234", "personnummer example (Wikipedia, sv)"),
        (.brCPF, "529.982.247-25", "CPF example of the check-digit calculation"),
        (.brCPF, "111.444.777-35", "CPF example of the check-digit calculation"),
        (.esDNI, "12345678Z", "DNI example of the control letter (Ministerio del Interior)"),
        (.deTaxID, "12345678995", "Steuer-IdNr example of the check digit (kryptografie.de)"),
    ]

    @Test func publishedExamplesAreRecognisedByTheirDetector() {
        for (id, value, source) in Self.examples {
            #expect(Self.scanner.classify(value: Array(value.utf8)) == id, "\(value) (\(source))")
        }
    }

    @Test func everySingleCharacterChangeOfAnExampleIsRejected() {
        for (id, value, _) in Self.examples {
            let bytes = Array(value.utf8)
            for index in bytes.indices where isDigit(bytes[index]) {
                for digit in UInt8(ascii: "0")...UInt8(ascii: "9") where digit != bytes[index] {
                    var changed = bytes
                    changed[index] = digit
                    let found = Self.scanner.classify(value: changed)
                    #expect(found != id, "\(String(decoding: changed, as: UTF8.self)) still passes as \(id)")
                }
            }
        }
    }

    @Test func hmrcSampleNINOWithItsUnusedPrefixIsRejected() {
        // NIM39110 prints `QQ 12 34 56 A` as an example that is never issued: Q is no prefix letter.
        #expect(Self.scanner.classify(value: Array("QQ 12 34 56 A".utf8)) == nil)
        #expect(Self.scanner.classify(value: Array("JG 10 37 35 D".utf8)) == .ukNINO)
    }

    @Test func corsicanNIRReadsTheDepartmentAsNineteenOrEighteen() {
        // 2A counts as 19 and 2B as 18 in the key: the same digits with 19/18 written give another key.
        let body2A = "290022A004005", body2B = "290022B004005"
        let key2A = 97 - Int("2900219004005")! % 97, key2B = 97 - Int("2900218004005")! % 97
        #expect(Self.scanner.classify(value: Array((body2A + String(format: "%02d", key2A)).utf8)) == .frNIR)
        #expect(Self.scanner.classify(value: Array((body2B + String(format: "%02d", key2B)).utf8)) == .frNIR)
        #expect(Self.scanner.classify(value: Array((body2A + String(format: "%02d", key2B)).utf8)) == nil)
    }
}
