import Document
import ModelGate

/// One answer of a predictor, read into what it says, before a gate interprets it for its task:
/// a bare number (a binary score or a regression value), a label, an array of class scores, or an
/// object with `prediction`, `score` and/or `scores`. Every predictor type answers in this shape.
public struct PredictionAnswer: Sendable, Equatable {
    /// The answer's `prediction` (or the bare answer): a label or a number, as the task reads it.
    public var prediction: Node.Value?
    /// A bare number answered without a key.
    public var isBareNumber = false
    public var score: Double?
    public var scores: [Double]?

    public init(prediction: Node.Value? = nil, isBareNumber: Bool = false, score: Double? = nil, scores: [Double]? = nil) {
        self.prediction = prediction
        self.isBareNumber = isBareNumber
        self.score = score
        self.scores = scores
    }

    /// Reads one answer, JSON text; anything else is a `GateFailure` saying what is wrong.
    public static func parse(_ bytes: some Collection<UInt8>) throws(GateFailure) -> PredictionAnswer {
        let answer: Node
        do throws(DocumentError) {
            answer = try JSONReader.read(Array(bytes))
        } catch {
            throw GateFailure("not JSON (\(error.message) at column \(error.location.column))")
        }
        return try read(answer)
    }

    /// Reads one answer already parsed (an element of an http response's predictions).
    public static func read(_ answer: Node) throws(GateFailure) -> PredictionAnswer {
        switch answer.value {
        case .object:
            var parsed = PredictionAnswer()
            if let prediction = answer["prediction"] { parsed.prediction = try scalar(prediction) }
            if let score = answer["score"] { parsed.score = try number(score, "a score") }
            if let scores = answer["scores"] { parsed.scores = try numbers(scores) }
            guard parsed.prediction != nil || parsed.score != nil || parsed.scores != nil else {
                throw GateFailure("an object answer needs 'prediction', 'score' or 'scores'")
            }
            return parsed
        case .array:
            return PredictionAnswer(scores: try numbers(answer))
        case .int, .double:
            _ = try number(answer, "a prediction")
            return PredictionAnswer(prediction: answer.value, isBareNumber: true)
        case .string, .bool:
            return PredictionAnswer(prediction: answer.value)
        case .null:
            throw GateFailure("null is not a prediction")
        }
    }

    private static func scalar(_ node: Node) throws(GateFailure) -> Node.Value {
        switch node.value {
        case .int, .double: _ = try number(node, "a prediction"); return node.value
        case .string, .bool: return node.value
        default: throw GateFailure("a prediction must be a string, number or boolean, got \(node.kindDescription)")
        }
    }

    private static func number(_ node: Node, _ what: String) throws(GateFailure) -> Double {
        guard let value = node.numberValue else { throw GateFailure("\(what) must be a number, got \(node.kindDescription)") }
        // NaN and infinities reach here from servers that write them (Python's json module does).
        guard value.isFinite else { throw GateFailure("\(what) must be a finite number, got \(value)") }
        return value
    }

    private static func numbers(_ node: Node) throws(GateFailure) -> [Double] {
        guard let items = node.arrayValue else { throw GateFailure("'scores' must be an array of numbers, got \(node.kindDescription)") }
        var values: [Double] = []
        values.reserveCapacity(items.count)
        for item in items {
            guard let value = item.numberValue else { throw GateFailure("class scores must be numbers") }
            guard value.isFinite else { throw GateFailure("class scores must be finite numbers, got \(value)") }
            values.append(value)
        }
        return values
    }
}
