import Testing
@testable import PersonalData

/// Every detector's own examples, through the whole scanner (prefilter, boundaries, overlaps):
/// adding a detector adds its tests.
@Suite struct DetectorExampleTests {
    static let scanner = PersonalDataScanner()

    @Test(arguments: Detectors.all.map(\.id))
    func flagsItsExamplesAndIgnoresItsDecoys(_ id: DetectorID) {
        let detector = Detectors.all.first { $0.id == id }!
        for text in detector.examples.flags {
            let bytes = Array(text.utf8)
            let found = Self.scanner.matches(in: bytes).filter { $0.detector == id }
            #expect(found.count == 1, "\(id) should find one match in \"\(text)\", found \(Self.scanner.matches(in: bytes))")
        }
        for text in detector.examples.ignores {
            let found = Self.scanner.matches(in: text)
            #expect(found.isEmpty, "\(id) decoy \"\(text)\" was flagged as \(found.map { "\($0.detector) \(String(decoding: Array(text.utf8)[$0.range], as: UTF8.self))" })")
        }
    }

    @Test func everyDetectorHasExamplesBothWays() {
        for detector in Detectors.all {
            #expect(detector.examples.flags.count >= 3, "\(detector.id) needs at least three flagged examples")
            #expect(detector.examples.ignores.count >= 4, "\(detector.id) needs at least four decoys")
        }
        #expect(Set(Detectors.all.map(\.id)) == Set(DetectorID.allCases))
    }
}
