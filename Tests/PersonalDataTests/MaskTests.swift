import Testing
@testable import PersonalData

/// Masked excerpts show enough to recognise a finding and never the value.
@Suite struct MaskTests {
    @Test func emailKeepsFirstLettersAndTopLevelDomain() {
        #expect(PersonalDataMask.excerpt(Array("jane.doe@example.com".utf8), detector: .email) == "j***@e***.com")
        #expect(PersonalDataMask.excerpt(Array("j@x.io".utf8), detector: .email) == "***@***.io")
    }

    @Test func numbersKeepSeparatorsAndAtMostTheLastFour() {
        #expect(PersonalDataMask.excerpt(Array("4111 1111 1111 1111".utf8), detector: .paymentCard) == "**** **** **** 1111")
        #expect(PersonalDataMask.excerpt(Array("536-22-1234".utf8), detector: .usSSN) == "***-**-**34")
        #expect(PersonalDataMask.excerpt(Array("8.8.8.8".utf8), detector: .ipv4) == "*.*.*.8")
        #expect(PersonalDataMask.excerpt(Array("Zoë".utf8), detector: nil) == "***")
    }

    @Test func noExcerptOfTheCorpusContainsItsValue() throws {
        let corpus = try LabelledCorpus.load()
        let scanner = PersonalDataScanner()
        var checked = 0
        for line in corpus.lines {
            for match in scanner.matches(in: line) {
                let value = String(decoding: line[match.range], as: UTF8.self)
                let excerpt = PersonalDataMask.excerpt(Array(line[match.range]), detector: match.detector)
                #expect(!excerpt.contains(value), "\(match.detector): excerpt \(excerpt) shows \(value)")
                #expect(excerpt.contains("*"))
                checked += 1
            }
        }
        #expect(checked >= 2000)
    }
}
