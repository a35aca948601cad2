import Document
import ModelGate
import Tabular

/// Reads one answer line of a predictor: a number (binary: the positive class's score; regression:
/// the value), a label, an array of class scores (multiclass, in the order of `classes`), or an
/// object with `prediction`, `score` and/or `scores`. Anything else is an error, never a guess.
struct PredictorAnswer {
    var task: AccuracyOptions.Task
    /// Per-class scores expected (multiclass with `classes`), 0 otherwise.
    var width: Int

    func read(_ line: [UInt8], into decoded: inout DecodedRow, scores: inout [Double], classes: inout ClassLabels) throws {
        scores.removeAll(keepingCapacity: true)
        let answer: Node
        do throws(DocumentError) {
            answer = try JSONReader.read(line)
        } catch {
            throw GateFailure("not JSON (\(error.message) at column \(error.location.column))")
        }
        switch answer.value {
        case .object:
            var found = false
            if let prediction = answer["prediction"] { try readPrediction(prediction, into: &decoded, classes: &classes); found = true }
            if let score = answer["score"] { try readScore(score, into: &decoded); found = true }
            if let array = answer["scores"] { try readScores(array, into: &scores); found = true }
            guard found else { throw GateFailure("an object answer needs 'prediction', 'score' or 'scores'") }
        case .array:
            try readScores(answer, into: &scores)
        case .int, .double:
            switch task {
            case .binary: try readScore(answer, into: &decoded)
            case .regression: try readPrediction(answer, into: &decoded, classes: &classes)
            case .multiclass: throw GateFailure("a multiclass answer is a label, an array of class scores, or an object, not a bare number")
            }
        case .string, .bool:
            try readPrediction(answer, into: &decoded, classes: &classes)
        case .null:
            throw GateFailure("null is not a prediction")
        }
        guard decoded.predicted != nil || decoded.score != nil || !scores.isEmpty || task == .regression else {
            throw GateFailure("no prediction in the answer")
        }
    }

    private func readPrediction(_ node: Node, into decoded: inout DecodedRow, classes: inout ClassLabels) throws {
        if task == .regression {
            guard let value = node.numberValue else { throw GateFailure("a regression prediction must be a number, got \(node.kindDescription)") }
            decoded.prediction = value
            return
        }
        let label: Label
        switch node.value {
        case .bool(let value): label = Label(value)
        case .int(let value): label = Label(value)
        case .double(let value): label = Label(value)
        // Read like a CSV cell, so "1" answers the class a CSV file writes as 1.
        case .string(let text): label = Label(text: text)
        default: throw GateFailure("a predicted label must be a string, number or boolean, got \(node.kindDescription)")
        }
        guard let id = classes.id(of: label) else {
            throw GateFailure("a binary task has two classes, but the predictor answered a third label")
        }
        decoded.predicted = id
    }

    private func readScore(_ node: Node, into decoded: inout DecodedRow) throws {
        guard task == .binary else { throw GateFailure("'score' is for binary tasks; a multiclass answer gives 'scores'") }
        guard let value = node.numberValue else { throw GateFailure("a score must be a number, got \(node.kindDescription)") }
        decoded.score = value
    }

    private func readScores(_ node: Node, into scores: inout [Double]) throws {
        guard task == .multiclass, width > 0 else {
            throw GateFailure("class scores need a multiclass task with 'classes' naming their order")
        }
        guard let items = node.arrayValue, items.count == width else {
            throw GateFailure("expected \(width) class scores, one per class in 'classes'")
        }
        for item in items {
            guard let value = item.numberValue else { throw GateFailure("class scores must be numbers") }
            scores.append(value)
        }
    }
}
