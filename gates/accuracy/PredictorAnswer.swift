import Document
import ModelGate
import Predictors
import Tabular

/// Reads a predictor's answer for the gate's task: a bare number is a binary score or a
/// regression value, a label a predicted class, an array the class scores (multiclass, in the
/// order of `classes`). Anything the task cannot use is an error, never a guess.
struct PredictorAnswer {
    var task: AccuracyOptions.Task
    /// Per-class scores expected (multiclass with `classes`), 0 otherwise.
    var width: Int

    func read(_ answer: PredictionAnswer, into decoded: inout DecodedRow, scores: inout [Double], classes: inout ClassLabels) throws {
        scores.removeAll(keepingCapacity: true)
        if let prediction = answer.prediction {
            if answer.isBareNumber, task == .binary {
                try readScore(prediction, into: &decoded)
            } else if answer.isBareNumber, task == .multiclass {
                throw GateFailure("a multiclass answer is a label, an array of class scores, or an object, not a bare number")
            } else {
                try readPrediction(prediction, into: &decoded, classes: &classes)
            }
        }
        if let score = answer.score { try readScore(.double(score), into: &decoded) }
        if let values = answer.scores { try readScores(values, into: &scores) }
        guard decoded.predicted != nil || decoded.score != nil || !scores.isEmpty || task == .regression else {
            throw GateFailure("no prediction in the answer")
        }
    }

    private func readPrediction(_ value: Node.Value, into decoded: inout DecodedRow, classes: inout ClassLabels) throws {
        if task == .regression {
            guard let number = Node(value).numberValue else {
                throw GateFailure("a regression prediction must be a number, got \(Node(value).kindDescription)")
            }
            guard number.isFinite else { throw GateFailure(OutputValue.finite.problem(number)) }
            decoded.prediction = number
            return
        }
        let label: Label
        switch value {
        case .bool(let value): label = Label(value)
        case .int(let value): label = Label(value)
        case .double(let value): label = Label(value)
        // Read like a CSV cell, so "1" answers the class a CSV file writes as 1.
        case .string(let text): label = Label(text: text)
        default: throw GateFailure("a predicted label must be a string, number or boolean, got \(Node(value).kindDescription)")
        }
        guard let id = classes.id(of: label) else {
            throw GateFailure("a binary task has two classes, but the predictor answered a third label")
        }
        decoded.predicted = id
    }

    private func readScore(_ value: Node.Value, into decoded: inout DecodedRow) throws {
        guard task == .binary else { throw GateFailure("'score' is for binary tasks; a multiclass answer gives 'scores'") }
        guard let number = Node(value).numberValue else { throw GateFailure("a score must be a number, got \(Node(value).kindDescription)") }
        guard number >= 0 && number <= 1 else { throw GateFailure(OutputValue.probability.problem(number)) }
        decoded.score = number
    }

    private func readScores(_ values: [Double], into scores: inout [Double]) throws {
        guard task == .multiclass, width > 0 else {
            throw GateFailure("class scores need a multiclass task with 'classes' naming their order")
        }
        guard values.count == width else { throw GateFailure("expected \(width) class scores, one per class in 'classes'") }
        if let bad = values.first(where: { !($0 >= 0 && $0 <= 1) }) { throw GateFailure(OutputValue.probability.problem(bad)) }
        scores.append(contentsOf: values)
    }
}
