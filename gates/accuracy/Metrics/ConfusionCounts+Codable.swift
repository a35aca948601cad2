extension ConfusionCounts: Equatable {
    public static func == (lhs: ConfusionCounts, rhs: ConfusionCounts) -> Bool {
        lhs.classCount == rhs.classCount && lhs.rows == rhs.rows
            && lhs.actual.prefix(lhs.classCount) == rhs.actual.prefix(rhs.classCount)
            && lhs.predicted.prefix(lhs.classCount) == rhs.predicted.prefix(rhs.classCount)
            && lhs.correct.prefix(lhs.classCount) == rhs.correct.prefix(rhs.classCount)
            && lhs.confusionMatrix() == rhs.confusionMatrix()
    }
}

extension ConfusionCounts: Codable {
    private enum CodingKeys: String, CodingKey {
        case rows, actual, predicted, correct, matrix
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(Array(actual.prefix(classCount)), forKey: .actual)
        try container.encode(Array(predicted.prefix(classCount)), forKey: .predicted)
        try container.encode(Array(correct.prefix(classCount)), forKey: .correct)
        try container.encodeIfPresent(confusionMatrix(), forKey: .matrix)
    }

    // Rebuilt by adding the cells (or, past the matrix limit, per-class counts), so a decoded
    // value is one this type could have produced.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let actual = try container.decode([Int].self, forKey: .actual)
        let predicted = try container.decode([Int].self, forKey: .predicted)
        let correct = try container.decode([Int].self, forKey: .correct)
        let matrix = try container.decodeIfPresent([[Int]].self, forKey: .matrix)
        let classes = actual.count
        // Counts from a report are checked before any arithmetic: a huge one must not overflow.
        let consistent = predicted.count == classes && correct.count == classes
            && MetricCounts.total(actual) == rows && MetricCounts.total(predicted) == rows
            && MetricCounts.total(correct) != nil
            && zip(correct, zip(actual, predicted)).allSatisfy { $0 <= min($1.0, $1.1) }
            && (matrix == nil || classes <= Self.matrixClassLimit)
        guard consistent else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "inconsistent confusion counts"))
        }
        self.init(classCount: classes, keepsMatrix: matrix != nil)
        if let matrix {
            guard matrix.count == classes, matrix.allSatisfy({ $0.count == classes }), MetricCounts.total(matrix.joined()) == rows else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "matrix must be classes x classes"))
            }
            for (label, row) in matrix.enumerated() {
                for (prediction, cells) in row.enumerated() where cells > 0 {
                    add(actual: label, predicted: prediction, count: cells)
                }
            }
            guard self.actual.prefix(classes).elementsEqual(actual),
                  self.predicted.prefix(classes).elementsEqual(predicted),
                  self.correct.prefix(classes).elementsEqual(correct) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "matrix disagrees with per-class counts"))
            }
        } else {
            self.rows = rows
            self.actual.replaceSubrange(0..<classes, with: actual)
            self.predicted.replaceSubrange(0..<classes, with: predicted)
            self.correct.replaceSubrange(0..<classes, with: correct)
        }
    }
}
