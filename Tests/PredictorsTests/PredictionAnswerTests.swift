import Document
import ModelGate
import Predictors
import Testing

/// Every predictor answers in one shape: a number, a label, an array of class scores, or an
/// object of them. Anything else is refused with what is wrong, never read as a prediction.
@Suite struct PredictionAnswerTests {
    func parse(_ text: String) throws(GateFailure) -> PredictionAnswer { try PredictionAnswer.parse(Array(text.utf8)) }

    @Test func bareAnswers() throws {
        #expect(try parse("0.75") == PredictionAnswer(prediction: .double(0.75), isBareNumber: true))
        #expect(try parse("3") == PredictionAnswer(prediction: .int(3), isBareNumber: true))
        #expect(try parse("\"cat\"") == PredictionAnswer(prediction: .string("cat")))
        #expect(try parse("true") == PredictionAnswer(prediction: .bool(true)))
        #expect(try parse("[0.1, 0.9]") == PredictionAnswer(scores: [0.1, 0.9]))
    }

    @Test func objectAnswers() throws {
        #expect(try parse(#"{"prediction": "dog", "scores": [0.2, 0.8]}"#) == PredictionAnswer(prediction: .string("dog"), scores: [0.2, 0.8]))
        #expect(try parse(#"{"score": 0.4}"#) == PredictionAnswer(score: 0.4))
        #expect(try parse(#"{"prediction": 2.5, "extra": [1]}"#) == PredictionAnswer(prediction: .double(2.5)))
    }

    @Test(arguments: [
        ("null", "null is not a prediction"), ("", "not JSON"), ("{\"p\": 1}", "needs 'prediction', 'score' or 'scores'"),
        ("[0.1, \"x\"]", "class scores must be numbers"), ("{\"score\": \"high\"}", "a score must be a number"),
        ("{\"prediction\": [1]}", "a prediction must be a string, number or boolean"), ("{\"scores\": 1}", "must be an array"),
        ("0.5 0.5", "not JSON"), ("{\"score\": 1", "not JSON"),
    ])
    func malformedAnswersSayWhatIsWrong(text: String, words: String) {
        #expect(throws: GateFailure.self) { try parse(text) }
        do { _ = try parse(text) } catch { #expect(error.message.contains(words), "\(text): \(error.message)") }
    }
}
