import Foundation
import Testing
@testable import PersonalData

/// The detectors scored on the labelled corpus (valid instances and look-alike decoys for each,
/// alone, in log lines and in CSV rows), against the target of 0.99 precision and recall.
@Suite struct CorpusPrecisionRecallTests {
    @Test func everyDetectorReachesPrecisionAndRecallOf99Percent() throws {
        let corpus = try LabelledCorpus.load()
        let scanner = PersonalDataScanner()
        var scores: [DetectorID: DetectorScore] = [:]
        var found = Set<LabelledCorpus.Label>()
        var mistakes: [String] = []
        for (number, line) in corpus.lines.enumerated() {
            for match in scanner.matches(in: line) {
                let label = LabelledCorpus.Label(line: number, start: match.range.lowerBound, end: match.range.upperBound, detector: match.detector)
                found.insert(label)
                if corpus.expected.contains(label) {
                    scores[match.detector, default: DetectorScore()].truePositives += 1
                } else {
                    scores[match.detector, default: DetectorScore()].falsePositives += 1
                    mistakes.append("false \(match.detector) at line \(number + 1): \(String(decoding: line, as: UTF8.self))")
                }
            }
        }
        for label in corpus.expected where !found.contains(label) {
            scores[label.detector, default: DetectorScore()].falseNegatives += 1
            mistakes.append("missed \(label.detector) at line \(label.line + 1): \(String(decoding: corpus.lines[label.line], as: UTF8.self))")
        }
        var table = "detector            TP   FP   FN  precision  recall\n"
        for id in DetectorID.allCases {
            let score = scores[id] ?? DetectorScore()
            table += id.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
                + String(format: "%5d%5d%5d%11.4f%8.4f\n", score.truePositives, score.falsePositives, score.falseNegatives, score.precision, score.recall)
            #expect(score.truePositives >= 100, "\(id): too few labelled instances to score")
            #expect(score.precision >= 0.99, "\(id) precision \(score.precision)")
            #expect(score.recall >= 0.99, "\(id) recall \(score.recall)")
        }
        print(table)
        if !mistakes.isEmpty { print(mistakes.prefix(40).joined(separator: "\n")) }
    }

    @Test func pseudonymisedTrainingSetGivesNoFinding() throws {
        let clean = try LabelledCorpus.clean()
        let scanner = PersonalDataScanner()
        let bytes = [UInt8](clean)
        let matches = scanner.matches(in: bytes)
        #expect(matches.isEmpty, "\(matches.prefix(5).map { "\($0.detector): \(String(decoding: bytes[$0.range], as: UTF8.self))" })")
        var cells = 0
        for line in clean.split(separator: UInt8(ascii: "\n")).dropFirst() {
            for cell in line.split(separator: UInt8(ascii: ",")) {
                cells += 1
                let value = Array(cell)
                #expect(scanner.classify(value: value) == nil, "\(String(decoding: value, as: UTF8.self))")
            }
        }
        #expect(cells == 4000)
    }
}
