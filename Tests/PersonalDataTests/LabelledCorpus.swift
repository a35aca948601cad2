import Foundation
@testable import PersonalData

/// The labelled corpus written by Fixtures/make-corpus.py: its lines and the expected matches.
struct LabelledCorpus {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    var lines: [[UInt8]]
    var expected: Set<Label>

    struct Label: Hashable {
        var line: Int
        var start: Int
        var end: Int
        var detector: DetectorID
    }

    static func load() throws -> LabelledCorpus {
        let text = try Data(contentsOf: folder.appendingPathComponent("corpus.txt"))
        var lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Array($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        let labelText = try String(contentsOf: folder.appendingPathComponent("corpus-labels.tsv"), encoding: .utf8)
        var expected = Set<Label>()
        for row in labelText.split(separator: "\n").dropFirst() {
            let fields = row.split(separator: "\t")
            guard fields.count == 4, let line = Int(fields[0]), let start = Int(fields[1]), let end = Int(fields[2]),
                  let detector = DetectorID(rawValue: String(fields[3])) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "corpus-labels.tsv: bad row \(row)"])
            }
            expected.insert(Label(line: line, start: start, end: end, detector: detector))
        }
        return LabelledCorpus(lines: lines, expected: expected)
    }

    static func clean() throws -> Data { try Data(contentsOf: folder.appendingPathComponent("clean.csv")) }
}

/// Precision and recall of one detector on the corpus.
struct DetectorScore {
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0

    var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
}
