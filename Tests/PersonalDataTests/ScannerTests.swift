import Testing
@testable import PersonalData

/// The scanner's contract: byte ranges, no overlapping double counts, whole values versus text.
@Suite struct ScannerTests {
    static let scanner = PersonalDataScanner()

    private func found(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Self.scanner.matches(in: bytes).map { "\($0.detector.rawValue)=\(String(decoding: bytes[$0.range], as: UTF8.self))" }
    }

    @Test func findsEveryValueInALogLineWithItsByteRange() {
        let line = "2026-12-05T10:00:00Z user=jane.doe@example.com ip=203.0.113.9 card=4111 1111 1111 1111 tel=+44 20 7946 0958"
        #expect(found(line) == ["email=jane.doe@example.com", "ipv4=203.0.113.9", "payment_card=4111 1111 1111 1111",
                                "phone=+44 20 7946 0958"])
        let bytes = Array(line.utf8)
        let first = Self.scanner.matches(in: bytes)[0]
        #expect(first.range == 26..<46)
    }

    @Test func rangesAreByteOffsetsPastMultiByteText() {
        let text = "Grüße, Zoë: 192.0.2.44"
        let match = Self.scanner.matches(in: text)
        #expect(match.map(\.range) == [15..<25])
    }

    @Test func aCardNumberIsNotAlsoAPhoneNumber() {
        // 16 digits also read as digits a phone parser might take; one match, the longest.
        let matches = Self.scanner.matches(in: "paid with 5555 5555 5555 4444 today")
        #expect(matches.map(\.detector) == [.paymentCard])
    }

    @Test func matchesNeverOverlap() throws {
        let corpus = try LabelledCorpus.load()
        for line in corpus.lines {
            let ranges = Self.scanner.matches(in: line).map(\.range)
            for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound <= b.lowerBound) }
        }
    }

    @Test func aValueIsClassifiedOnlyWhenTheWholeCellIsIt() {
        #expect(Self.scanner.classify(value: Array("  jane@example.com ".utf8)) == .email)
        #expect(Self.scanner.classify(value: Array("mail jane@example.com".utf8)) == nil)
        #expect(Self.scanner.classify(value: Array("".utf8)) == nil)
        #expect(Self.scanner.classify(value: Array("48.8566, 2.3522".utf8)) == .latLon)
    }

    @Test func numbersInsideLargerNumbersAreNotFound() {
        #expect(found("ref 99441111111111111111") == [])
        #expect(found("build 10.0.0.1.2") == [])
        #expect(found("v1.2.3.4") == [])
        #expect(found("id 123-45-67890") == [])
    }

    @Test func plainProseHasNoFinding() {
        #expect(found("The quick brown fox jumps over the lazy dog; version 2.3 shipped on 2024-05-01 at 10:30.") == [])
    }
}

/// Inputs the fuzzer found, kept so they stay fixed.
@Suite struct FuzzFindingTests {
    @Test func anIPv4OctetNeedsADigit() {
        let detector = Detectors.all.first { $0.id == .ipv4 }!
        let text = Array("::ff.241.39.139".utf8)
        let accepted = text.withUnsafeBytes { bytes in (0..<bytes.count).filter { detector.match(in: bytes, at: $0) != nil } }
        #expect(accepted.isEmpty)
    }
}
